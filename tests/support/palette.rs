//! Terminal palettes as users have them, light and dark, and the contrast
//! between two colours (WCAG 2's ratio), to check that what the TUI draws
//! can be read and seen on each of them.
#![allow(dead_code)] // each test binary uses a different part

pub type Rgb = [u8; 3];

/// A terminal's default foreground and background and its 16 basic colours.
pub struct Palette {
    pub name: &'static str,
    pub fg: Rgb,
    pub bg: Rgb,
    pub basic: [Rgb; 16],
}

const fn rgb(hex: u32) -> Rgb {
    [(hex >> 16) as u8, (hex >> 8) as u8, hex as u8]
}

const XTERM: [Rgb; 16] = [
    rgb(0x000000),
    rgb(0xcd0000),
    rgb(0x00cd00),
    rgb(0xcdcd00),
    rgb(0x0000ee),
    rgb(0xcd00cd),
    rgb(0x00cdcd),
    rgb(0xe5e5e5),
    rgb(0x7f7f7f),
    rgb(0xff0000),
    rgb(0x00ff00),
    rgb(0xffff00),
    rgb(0x5c5cff),
    rgb(0xff00ff),
    rgb(0x00ffff),
    rgb(0xffffff),
];

const TANGO: [Rgb; 16] = [
    rgb(0x2e3436),
    rgb(0xcc0000),
    rgb(0x4e9a06),
    rgb(0xc4a000),
    rgb(0x3465a4),
    rgb(0x75507b),
    rgb(0x06989a),
    rgb(0xd3d7cf),
    rgb(0x555753),
    rgb(0xef2929),
    rgb(0x8ae234),
    rgb(0xfce94f),
    rgb(0x729fcf),
    rgb(0xad7fa8),
    rgb(0x34e2e2),
    rgb(0xeeeeec),
];

const GNOME: [Rgb; 16] = [
    rgb(0x171421),
    rgb(0xc01c28),
    rgb(0x26a269),
    rgb(0xa2734c),
    rgb(0x12488b),
    rgb(0xa347ba),
    rgb(0x2aa1b3),
    rgb(0xd0cfcc),
    rgb(0x5e5c64),
    rgb(0xf66151),
    rgb(0x33da7a),
    rgb(0xe9ad0c),
    rgb(0x2a7bde),
    rgb(0xc061cb),
    rgb(0x33c7de),
    rgb(0xffffff),
];

const SOLARIZED: [Rgb; 16] = [
    rgb(0x073642),
    rgb(0xdc322f),
    rgb(0x859900),
    rgb(0xb58900),
    rgb(0x268bd2),
    rgb(0xd33682),
    rgb(0x2aa198),
    rgb(0xeee8d5),
    rgb(0x002b36),
    rgb(0xcb4b16),
    rgb(0x586e75),
    rgb(0x657b83),
    rgb(0x839496),
    rgb(0x6c71c4),
    rgb(0x93a1a1),
    rgb(0xfdf6e3),
];

const VSCODE: [Rgb; 16] = [
    rgb(0x000000),
    rgb(0xcd3131),
    rgb(0x0dbc79),
    rgb(0xe5e510),
    rgb(0x2472c8),
    rgb(0xbc3fbc),
    rgb(0x11a8cd),
    rgb(0xe5e5e5),
    rgb(0x666666),
    rgb(0xf14c4c),
    rgb(0x23d18b),
    rgb(0xf5f543),
    rgb(0x3b8eea),
    rgb(0xd670d6),
    rgb(0x29b8db),
    rgb(0xe5e5e5),
];

/// xterm's defaults (black on white) and `xterm -rv`, the palettes of
/// GNOME Terminal (Tango and GNOME), Solarized and VS Code's terminal.
pub const PALETTES: &[Palette] = &[
    Palette {
        name: "xterm light",
        fg: rgb(0x000000),
        bg: rgb(0xffffff),
        basic: XTERM,
    },
    Palette {
        name: "xterm dark (-rv)",
        fg: rgb(0xffffff),
        bg: rgb(0x000000),
        basic: XTERM,
    },
    Palette {
        name: "Tango light",
        fg: rgb(0x2e3436),
        bg: rgb(0xeeeeec),
        basic: TANGO,
    },
    Palette {
        name: "Tango dark",
        fg: rgb(0xd3d7cf),
        bg: rgb(0x2e3436),
        basic: TANGO,
    },
    Palette {
        name: "GNOME dark",
        fg: rgb(0xd0cfcc),
        bg: rgb(0x171421),
        basic: GNOME,
    },
    Palette {
        name: "Solarized light",
        fg: rgb(0x657b83),
        bg: rgb(0xfdf6e3),
        basic: SOLARIZED,
    },
    Palette {
        name: "VS Code dark",
        fg: rgb(0xcccccc),
        bg: rgb(0x1e1e1e),
        basic: VSCODE,
    },
];

/// The xterm palettes, for what runs in a real xterm-like terminal.
pub fn xterm() -> &'static [Palette] {
    &PALETTES[..2]
}

impl Palette {
    /// Colour `index` of the 256: the palette's own 16, then the fixed
    /// 6×6×6 cube and the grey ramp, which terminals do not theme.
    pub fn indexed(&self, index: u8) -> Rgb {
        const LEVELS: [u8; 6] = [0, 0x5f, 0x87, 0xaf, 0xd7, 0xff];
        match index {
            0..=15 => self.basic[usize::from(index)],
            16..=231 => {
                let i = usize::from(index - 16);
                [LEVELS[i / 36], LEVELS[(i / 6) % 6], LEVELS[i % 6]]
            }
            232..=255 => {
                let level = 8 + 10 * (index - 232);
                [level; 3]
            }
        }
    }
}

fn luminance(colour: Rgb) -> f64 {
    let channel = |value: u8| {
        let c = f64::from(value) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(colour[0]) + 0.7152 * channel(colour[1]) + 0.0722 * channel(colour[2])
}

/// WCAG 2's contrast ratio, from 1 (the same) to 21 (black on white).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// What 3:1 means: WCAG's minimum for bold and large text and for the
/// parts of an interface one must see.
pub const READABLE: f64 = 3.0;

/// Panics unless `fg` reads on `bg` at [`READABLE`] or more, naming `what`.
pub fn assert_readable(fg: Rgb, bg: Rgb, what: impl std::fmt::Display) {
    let ratio = contrast(fg, bg);
    assert!(ratio >= READABLE, "{what}: contrast {ratio:.2}");
}
