//! The escape sequences the painter writes, each in its shortest form.

use ratatui::style::{Color, Modifier};

/// The terminal's current graphic rendition ("pen").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub modifier: Modifier,
}

impl Pen {
    pub fn of(cell: &ratatui::buffer::Cell) -> Pen {
        Pen { fg: cell.fg, bg: cell.bg, modifier: cell.modifier }
    }
}

/// Appends the decimal digits of `n`.
fn num(out: &mut Vec<u8>, n: u16) {
    out.extend_from_slice(n.to_string().as_bytes());
}

/// `CSI n c`, leaving out a count of 1 (the default).
fn csi_count(n: u16, c: u8) -> Vec<u8> {
    let mut out = b"\x1b[".to_vec();
    if n != 1 {
        num(&mut out, n);
    }
    out.push(c);
    out
}

/// CUP to zero-based (x, y), dropping defaults: `ESC[H`, `ESC[5H`, `ESC[5;9H`.
fn cup(x: u16, y: u16) -> Vec<u8> {
    let mut out = b"\x1b[".to_vec();
    if y != 0 || x != 0 {
        num(&mut out, y + 1);
    }
    if x != 0 {
        out.push(b';');
        num(&mut out, x + 1);
    }
    out.push(b'H');
    out
}

fn horizontal(from: u16, to: u16) -> Vec<u8> {
    use std::cmp::Ordering::*;
    let relative = match to.cmp(&from) {
        Equal => Vec::new(),
        Greater => csi_count(to - from, b'C'),
        Less if from - to == 1 => b"\x08".to_vec(),
        Less => csi_count(from - to, b'D'),
    };
    if to == 0 {
        return shorter(relative, b"\r".to_vec());
    }
    let mut from_margin = b"\r".to_vec();
    from_margin.extend(csi_count(to, b'C'));
    shorter(relative, from_margin)
}

fn vertical(from: u16, to: u16) -> Vec<u8> {
    if to > from {
        // Raw mode leaves OPOST off, so LF moves straight down.
        let n = to - from;
        shorter(vec![b'\n'; usize::from(n)], csi_count(n, b'B'))
    } else if to < from {
        csi_count(from - to, b'A')
    } else {
        Vec::new()
    }
}

fn shorter(a: Vec<u8>, b: Vec<u8>) -> Vec<u8> {
    if b.len() < a.len() {
        b
    } else {
        a
    }
}

/// The shortest way from `from` (None: unknown) to `to`.
pub fn move_to(from: Option<(u16, u16)>, to: (u16, u16)) -> Vec<u8> {
    let absolute = cup(to.0, to.1);
    let Some((fx, fy)) = from else { return absolute };
    let mut relative = vertical(fy, to.1);
    relative.extend(horizontal(fx, to.0));
    shorter(absolute, relative)
}

const ON: [(Modifier, u16); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

/// Codes that clear a modifier; 22 and 25 clear two at once.
const OFF: [(Modifier, u16); 7] = [
    (Modifier::BOLD.union(Modifier::DIM), 22),
    (Modifier::ITALIC, 23),
    (Modifier::UNDERLINED, 24),
    (Modifier::SLOW_BLINK.union(Modifier::RAPID_BLINK), 25),
    (Modifier::REVERSED, 27),
    (Modifier::HIDDEN, 28),
    (Modifier::CROSSED_OUT, 29),
];

fn color(out: &mut Vec<String>, c: Color, base: u16) {
    let code = |n: u16| (base + n).to_string();
    let s = match c {
        Color::Reset => code(9),
        Color::Black => code(0),
        Color::Red => code(1),
        Color::Green => code(2),
        Color::Yellow => code(3),
        Color::Blue => code(4),
        Color::Magenta => code(5),
        Color::Cyan => code(6),
        Color::Gray => code(7),
        Color::DarkGray => code(60),
        Color::LightRed => code(61),
        Color::LightGreen => code(62),
        Color::LightYellow => code(63),
        Color::LightBlue => code(64),
        Color::LightMagenta => code(65),
        Color::LightCyan => code(66),
        Color::White => code(67),
        Color::Indexed(i) => format!("{};5;{i}", base + 8),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
    };
    out.push(s);
}

fn params_from_reset(to: Pen) -> Vec<String> {
    let mut p = vec!["0".to_string()];
    p.extend(ON.iter().filter(|(m, _)| to.modifier.contains(*m)).map(|(_, c)| c.to_string()));
    if to.fg != Color::Reset {
        color(&mut p, to.fg, 30);
    }
    if to.bg != Color::Reset {
        color(&mut p, to.bg, 40);
    }
    p
}

fn params_from(from: Pen, to: Pen) -> Vec<String> {
    let mut p = Vec::new();
    let removed = from.modifier - to.modifier;
    let mut kept = from.modifier & to.modifier;
    for (m, code) in OFF {
        if removed.intersects(m) {
            p.push(code.to_string());
            kept -= m;
        }
    }
    p.extend(ON.iter().filter(|(m, _)| to.modifier.contains(*m) && !kept.contains(*m)).map(|(_, c)| c.to_string()));
    if to.fg != from.fg {
        color(&mut p, to.fg, 30);
    }
    if to.bg != from.bg {
        color(&mut p, to.bg, 40);
    }
    p
}

/// One SGR sequence from pen `from` (None: unknown) to `to`; empty when equal.
pub fn sgr(from: Option<Pen>, to: Pen) -> Vec<u8> {
    if from == Some(to) {
        return Vec::new();
    }
    let reset = params_from_reset(to);
    let params = match from {
        Some(f) => {
            let diff = params_from(f, to);
            if diff.join(";").len() <= reset.join(";").len() {
                diff
            } else {
                reset
            }
        }
        None => reset,
    };
    format!("\x1b[{}m", params.join(";")).into_bytes()
}

/// DECSTBM for rows `top..bottom` (zero-based, end exclusive), then `count`
/// lines scrolled up (SU) or down (SD), then the margins reset.
pub fn scroll(top: u16, bottom: u16, height: u16, count: u16, up: bool) -> Vec<u8> {
    let whole = top == 0 && bottom == height;
    let mut out = Vec::new();
    if !whole {
        out.extend(format!("\x1b[{};{}r", top + 1, bottom).into_bytes());
    }
    out.extend(csi_count(count, if up { b'S' } else { b'T' }));
    if !whole {
        out.extend_from_slice(b"\x1b[r");
    }
    out
}

/// ECH: blanks `n` cells from the cursor, which stays where it is.
pub fn erase_chars(n: u16) -> Vec<u8> {
    format!("\x1b[{n}X").into_bytes()
}

pub const CLEAR_SCREEN: &[u8] = b"\x1b[2J";
pub const CLEAR_TO_EOL: &[u8] = b"\x1b[K";
pub const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
pub const HIDE_CURSOR: &[u8] = b"\x1b[?25l";

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: Vec<u8>) -> String {
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn moves_take_the_shortest_form() {
        assert_eq!(s(move_to(Some((5, 3)), (0, 3))), "\r");
        assert_eq!(s(move_to(Some((5, 3)), (0, 4))), "\n\r");
        assert_eq!(s(move_to(Some((5, 3)), (9, 3))), "\x1b[4C");
        assert_eq!(s(move_to(Some((5, 3)), (6, 3))), "\x1b[C");
        assert_eq!(s(move_to(Some((5, 3)), (4, 3))), "\x08");
        assert_eq!(s(move_to(Some((5, 3)), (5, 4))), "\n");
        assert_eq!(s(move_to(None, (0, 0))), "\x1b[H");
        assert_eq!(s(move_to(None, (0, 9))), "\x1b[10H");
        assert_eq!(s(move_to(Some((70, 2)), (10, 20))), "\x1b[21;11H");
    }

    #[test]
    fn pen_changes_name_only_what_changed() {
        let plain = Pen::default();
        let bold = Pen { modifier: Modifier::BOLD, ..plain };
        let boldred = Pen { fg: Color::Red, ..bold };
        assert_eq!(s(sgr(Some(plain), plain)), "");
        assert_eq!(s(sgr(Some(plain), bold)), "\x1b[1m");
        assert_eq!(s(sgr(Some(bold), boldred)), "\x1b[31m");
        assert_eq!(s(sgr(Some(boldred), plain)), "\x1b[0m");
        assert_eq!(s(sgr(None, bold)), "\x1b[0;1m");
        let dim = Pen { modifier: Modifier::DIM, fg: Color::Red, ..plain };
        let both = Pen { modifier: Modifier::DIM | Modifier::BOLD, fg: Color::Red, ..plain };
        assert_eq!(s(sgr(Some(both), dim)), "\x1b[22;2m");
        assert_eq!(s(sgr(Some(both), plain)), "\x1b[0m");
    }
}
