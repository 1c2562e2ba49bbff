//! The floor of issue 15's terminal targets: a minimal ratatui program
//! that draws one paragraph, draws it again on every key (saying how many
//! keys came), and quits on `q`. `cargo bench --bench scale` times `aiact`
//! against it in a pseudo-terminal: start to first frame, and key to
//! screen change. See docs/benchmarks.md, "Workshop scale".

use ratatui::crossterm::event::{self, Event, KeyCode};
use ratatui::widgets::Paragraph;

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    let mut keys: u64 = 0;
    let result = loop {
        let text = format!("A minimal ratatui program: {keys} keys so far. q quits.");
        if let Err(error) =
            terminal.draw(|frame| frame.render_widget(Paragraph::new(text), frame.area()))
        {
            break Err(error);
        }
        match event::read() {
            Ok(Event::Key(key)) if key.code == KeyCode::Char('q') => break Ok(()),
            Ok(Event::Key(_)) => keys += 1,
            Ok(_) => {}
            Err(error) => break Err(error),
        }
    };
    ratatui::restore();
    result
}
