//! silian's ratatui backend. ratatui's `Terminal` still lays out each frame;
//! the backend only notes the cursor and clears it asks for, and
//! [`Screen::draw`] hands it the whole finished frame to paint in one write.

use super::diff::Painter;
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Size};
use ratatui::{Frame, Terminal};
use std::io::{self, Write};

pub struct SilianBackend<W: Write> {
    out: W,
    painter: Painter,
    /// Fixed size (tests); None asks the terminal.
    size: Option<Size>,
    cursor: Position,
    cursor_shown: bool,
}

impl<W: Write> SilianBackend<W> {
    pub fn new(out: W, scroll_regions: bool) -> Self {
        SilianBackend {
            out,
            painter: Painter::new(scroll_regions),
            size: None,
            cursor: Position::ORIGIN,
            cursor_shown: false,
        }
    }

    /// A backend of a fixed size, for tests and benchmarks.
    pub fn with_size(out: W, scroll_regions: bool, width: u16, height: u16) -> Self {
        SilianBackend { size: Some(Size { width, height }), ..SilianBackend::new(out, scroll_regions) }
    }

    pub fn set_size(&mut self, width: u16, height: u16) {
        self.size = Some(Size { width, height });
    }

    pub fn writer(&self) -> &W {
        &self.out
    }

    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// Paints `frame` in one write; nothing at all when nothing changed.
    pub fn present(&mut self, frame: &Buffer) -> io::Result<()> {
        let cursor = self.cursor_shown.then_some(self.cursor);
        let bytes = self.painter.paint(frame, cursor);
        if !bytes.is_empty() {
            self.out.write_all(&bytes)?;
            self.out.flush()?;
        }
        Ok(())
    }
}

impl<W: Write> Backend for SilianBackend<W> {
    type Error = io::Error;

    /// The changed cells are not used: [`Screen::draw`] passes the whole frame to `present`.
    fn draw<'a, I>(&mut self, _content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.cursor_shown = false;
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.cursor_shown = true;
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.cursor = position.into();
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.painter.forget();
        Ok(())
    }

    fn clear_region(&mut self, _clear_type: ClearType) -> io::Result<()> {
        self.painter.forget();
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        match self.size {
            Some(size) => Ok(size),
            None => ratatui::crossterm::terminal::size().map(|(width, height)| Size { width, height }),
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize { columns_rows: self.size()?, pixels: Size { width: 0, height: 0 } })
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A ratatui `Terminal` over [`SilianBackend`] that paints whole frames.
pub struct Screen<W: Write> {
    terminal: Terminal<SilianBackend<W>>,
}

impl<W: Write> Screen<W> {
    pub fn new(backend: SilianBackend<W>) -> io::Result<Self> {
        Ok(Screen { terminal: Terminal::new(backend)? })
    }

    pub fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> io::Result<()> {
        let frame = self.terminal.draw(render)?.buffer.clone();
        self.terminal.backend_mut().present(&frame)
    }

    pub fn size(&self) -> io::Result<Size> {
        self.terminal.size()
    }

    pub fn backend(&self) -> &SilianBackend<W> {
        self.terminal.backend()
    }

    pub fn backend_mut(&mut self) -> &mut SilianBackend<W> {
        self.terminal.backend_mut()
    }
}
