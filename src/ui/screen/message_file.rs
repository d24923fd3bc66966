//! A message file opened from the disk (`tidings message.eml`): the reader alone, remote
//! content blocked until asked for, attachments saved or opened; nothing of it is stored.

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::{center, text};
use iced::{Element, Task};

use crate::engine::handle::reading::read_file;
use crate::engine::handle::{Engine, Failure, Reading};
use crate::tr;
use crate::ui::screen::mailbox::reader::{self, Reader};
use crate::ui::theme;

#[derive(Debug, Clone)]
pub enum Message {
    Read(Result<(Box<Reading>, Arc<Vec<u8>>), Failure>),
    Reader(reader::Message),
}

pub struct MessageFile {
    path: PathBuf,
    reader: Reader,
    /// Read and parsed; until then a line saying so.
    shown: bool,
    /// Why the file could not be read, or what the last action could not do.
    error: Option<String>,
}

impl MessageFile {
    /// The screen for a file, and the task that reads it.
    pub fn new(path: PathBuf) -> (Self, Task<Message>) {
        let read = Task::perform(read_file(path.clone()), |r| {
            Message::Read(r.map(|(reading, raw)| (Box::new(reading), raw)))
        });
        let screen = Self {
            path,
            reader: Reader::default(),
            shown: false,
            error: None,
        };
        (screen, read)
    }

    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    pub fn update(&mut self, engine: &Engine, message: Message) -> Task<Message> {
        match message {
            Message::Read(Ok((reading, raw))) => {
                self.shown = true;
                self.reader
                    .show_file(engine, *reading, raw)
                    .map(Message::Reader)
            }
            Message::Read(Err(failure)) => {
                self.error = Some(failure.message);
                Task::none()
            }
            Message::Reader(m) => {
                let (task, event) = self.reader.update(engine, m);
                match event {
                    Some(reader::Event::Failed(failure)) => self.error = Some(failure.message),
                    // A message file is never downloaded.
                    Some(reader::Event::Act(_) | reader::Event::Downloaded) | None => {}
                }
                task.map(Message::Reader)
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        if !self.shown {
            let line = match &self.error {
                Some(error) => text(error.clone()).style(theme::danger_text),
                None => text(tr!("reading-loading")).style(theme::muted),
            };
            return center(line).into();
        }
        self.reader
            .view(None, self.error.as_deref(), Message::Reader)
    }
}
