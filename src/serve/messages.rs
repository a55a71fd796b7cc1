//! The channel of live-reload messages to open pages, keeping the recent ones so that a page
//! which connects after a rebuild still learns what changed since it was served.
//!
//! A page is served from one snapshot (a generation: 1, 2, …) and opens its socket a moment
//! later. A save in between (a stylesheet changed right as a page reloaded) would otherwise be
//! told to nobody, and the page would show the old stylesheet until the next save. The page
//! says which generation it was served from; on connecting it is sent the messages of every
//! later generation (reloads, stylesheet swaps, errors shown and gone), then follows the live
//! ones.

use std::collections::VecDeque;
use std::sync::Mutex;

use tokio::sync::broadcast;

use super::live::Message;

/// How many messages are kept for pages connecting late, and how many a slow page may fall
/// behind before it is told to reload everything.
const KEPT: usize = 64;

/// Messages to open pages, sent in order, with a short history.
pub struct Messages {
    sender: broadcast::Sender<String>,
    history: Mutex<History>,
}

#[derive(Default)]
struct History {
    /// (generation, message) of recent messages, oldest first.
    kept: VecDeque<(u64, String)>,
    /// Every such message of a generation after this one is in `kept`.
    complete_after: u64,
}

/// What a page that just connected is to be sent before the live messages.
pub struct Joined {
    pub missed: Vec<String>,
    pub live: broadcast::Receiver<String>,
}

impl Default for Messages {
    fn default() -> Self {
        Messages {
            sender: broadcast::channel(KEPT).0,
            history: Mutex::new(History::default()),
        }
    }
}

impl Messages {
    /// Sends `message`, about the files of `generation`, to every open page (none listening is
    /// fine).
    pub fn send(&self, generation: u64, message: &Message) {
        let json = message.to_json();
        let mut history = self.history.lock().unwrap_or_else(|e| e.into_inner());
        if history.kept.len() == KEPT
            && let Some((dropped, _)) = history.kept.pop_front()
        {
            history.complete_after = dropped;
        }
        history.kept.push_back((generation, json.clone()));
        // Under the lock: a page joining sees each message either in its history or live.
        let _ = self.sender.send(json);
    }

    /// A page served from generation `since` connects: what it missed, then the live messages.
    /// `None` (a page whose generation is unknown) is given no history.
    pub fn join(&self, since: Option<u64>) -> Joined {
        let history = self.history.lock().unwrap_or_else(|e| e.into_inner());
        let live = self.sender.subscribe();
        let missed = match since {
            None => Vec::new(),
            Some(g) if g < history.complete_after => {
                vec![
                    Message::Reload {
                        pages: Vec::new(),
                        all: true,
                    }
                    .to_json(),
                ]
            }
            Some(g) => history
                .kept
                .iter()
                .filter(|(generation, _)| *generation > g)
                .map(|(_, m)| m.clone())
                .collect(),
        };
        Joined { missed, live }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn css(file: &str) -> Message {
        Message::Css {
            files: vec![file.to_string()],
        }
    }

    #[test]
    fn a_page_joining_late_gets_what_changed_since_it_was_served() {
        let m = Messages::default();
        m.send(1, &css("a.css"));
        m.send(2, &Message::Ok);
        m.send(3, &css("b.css"));
        let joined = m.join(Some(1));
        assert_eq!(
            joined.missed,
            vec![Message::Ok.to_json(), css("b.css").to_json()]
        );
        assert!(m.join(Some(3)).missed.is_empty());
        assert!(m.join(None).missed.is_empty());
        assert_eq!(m.join(Some(0)).missed.len(), 3);
    }

    #[test]
    fn messages_after_joining_come_live_and_only_once() {
        let m = Messages::default();
        let mut joined = m.join(Some(0));
        m.send(1, &css("a.css"));
        assert!(joined.missed.is_empty());
        assert_eq!(joined.live.try_recv().ok(), Some(css("a.css").to_json()));
        assert!(joined.live.try_recv().is_err());
    }

    #[test]
    fn a_page_older_than_the_history_reloads() {
        let m = Messages::default();
        for g in 1..=(KEPT as u64 + 5) {
            m.send(g, &css("a.css"));
        }
        let joined = m.join(Some(2));
        assert_eq!(
            joined.missed,
            vec![
                Message::Reload {
                    pages: Vec::new(),
                    all: true
                }
                .to_json()
            ]
        );
        // A page recent enough gets the messages themselves.
        assert_eq!(m.join(Some(KEPT as u64)).missed.len(), 5);
    }
}
