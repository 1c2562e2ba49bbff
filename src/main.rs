use std::process::ExitCode;

fn main() -> ExitCode {
    aiact::cli::main()
}
