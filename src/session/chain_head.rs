//! The session's chain head at the network: the journal's event count and last hash, sent with
//! the pinpoint submission and at the end of the session (`POST /sessions/{id}/chain-heads`),
//! so that `evfield log verify --against-network` can later compare a journal or a support
//! bundle with what the network was told while the session ran (docs/journal.md).

use super::Session;
use super::prompt::Level;
use crate::network::api::ChainHead;

impl Session<'_> {
    /// Give the network the journal's chain head as it stands. A failure is a warning, not an
    /// error: the submission is what matters on site, and the journal still verifies on its own.
    /// At the end (`stage` "end") only a client already logged in is used, nothing is asked.
    pub(super) fn send_chain_head(&mut self, stage: &str) {
        // the network keeps this count and hash for good: they must be on disk first
        if let Err(e) = self.journal.sync() {
            self.notify(Level::Warning, crate::t!("head.not_sent", why = e.message));
            return;
        }
        let (events, last_hash) = self.journal.head();
        let head = ChainHead {
            events,
            last_hash: last_hash.to_string(),
            stage: stage.to_string(),
        };
        let id = self.id.clone();
        let client = if stage == "end" {
            self.client.as_ref().ok_or(None)
        } else {
            self.network().map_err(Some)
        };
        let sent = match client {
            Ok(c) => c.record_chain_head(&id, &head).map(|_| ()).map_err(Some),
            Err(e) => Err(e),
        };
        if let Err(Some(e)) = sent {
            self.notify(Level::Warning, crate::t!("head.not_sent", why = e.message));
        }
    }
}
