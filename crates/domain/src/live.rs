//! Live notifications' wire types: a member's stored notifications, team messages, the
//! messages of the WebSocket at `/api/v1/ws`, and the audit trail's chain check.
//! What each event is called and who receives it is in [`crate::journal`].

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::api::Page;
use crate::permissions::SystemRole;
use crate::validation::FieldError;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The longest team message, in characters.
pub const MESSAGE_MAX: usize = 500;

/// One notification of the member reading it: an event of their restaurant they may
/// see, kept until read (and after).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Notification {
    pub id: Uuid,
    /// The event's number in its restaurant's sequence: a reconnecting app asks for
    /// what came after the last one it saw.
    pub seq: i64,
    /// The event's name: the audited action it comes from.
    #[cfg_attr(feature = "openapi", schema(example = "member.updated"))]
    pub kind: String,
    /// The kind of thing concerned (`membership`, `custom_role`, `table`, …).
    pub entity: String,
    pub entity_id: Option<String>,
    /// Who did it, by name.
    pub actor: Option<String>,
    /// The thing concerned, by name.
    pub subject: Option<String>,
    /// A team message's text.
    pub text: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// A page of notifications, newest first.
pub type NotificationPage = Page<Notification>;

/// How many notifications the member has not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UnreadCount {
    pub unread: u64,
}

/// A short message to the whole team, or to the holders of one role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PostMessageRequest {
    /// 1 to 500 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub text: String,
    /// Only the members holding this system role (as primary or extra role).
    #[serde(default)]
    pub role: Option<SystemRole>,
    /// Only the members holding this custom role. At most one of `role` and this.
    #[serde(default)]
    pub custom_role_id: Option<Uuid>,
}

impl PostMessageRequest {
    /// The message's text, trimmed, or why it is refused.
    pub fn validate(&self) -> Result<String, Vec<FieldError>> {
        let mut errors = Vec::new();
        let text = self.text.trim();
        if text.chars().any(crate::validation::is_refused_in_text) {
            errors.push(FieldError::new(
                "text",
                "invalid_characters",
                "a message may not hold control or invisible characters",
            ));
        } else if text.is_empty() {
            errors.push(FieldError::new("text", "required", "write a message"));
        } else if text.chars().count() > MESSAGE_MAX {
            errors.push(FieldError::new(
                "text",
                "too_long",
                format!("a message has at most {MESSAGE_MAX} characters"),
            ));
        }
        if self.role.is_some() && self.custom_role_id.is_some() {
            errors.push(FieldError::new(
                "custom_role_id",
                "conflict",
                "address the message to one role at most",
            ));
        }
        if errors.is_empty() {
            Ok(text.to_owned())
        } else {
            Err(errors)
        }
    }
}

/// A team message as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TeamMessage {
    pub id: Uuid,
    pub text: String,
    pub author: Option<String>,
    pub role: Option<SystemRole>,
    pub custom_role_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// A page of team messages, newest first.
pub type TeamMessagePage = Page<TeamMessage>;

/// What the app sends on the WebSocket.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMessage {
    /// The first message, within 10 seconds of connecting: the access token, and the
    /// last event number the app saw (0 or absent for none).
    Hello {
        token: String,
        #[serde(default)]
        since: Option<i64>,
    },
    /// A fresh access token, sent after each refresh: the socket closes when the one
    /// it holds expires.
    Token { token: String },
    /// An application-level heartbeat; answered by `pong`.
    Ping,
}

impl std::fmt::Debug for ClientMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientMessage::Hello { since, .. } => f
                .debug_struct("Hello")
                .field("since", since)
                .field("token", &"***")
                .finish(),
            ClientMessage::Token { .. } => f.debug_struct("Token").field("token", &"***").finish(),
            ClientMessage::Ping => f.write_str("Ping"),
        }
    }
}

/// What the server sends on the WebSocket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMessage {
    /// The hello was accepted: the member's unread count, then the notifications
    /// after `since` follow, oldest first.
    Ready {
        unread: u64,
        last_seq: i64,
    },
    /// One notification, as it happens or while catching up.
    Notification(Notification),
    Pong,
    /// The server closes the socket, saying why (`unauthenticated`, `expired`,
    /// `too_slow`, `shutting_down`).
    Bye {
        reason: String,
    },
}

/// The outcome of checking a restaurant's audit chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ChainCheck {
    /// Every entry's hash covers the one before it and matches its contents.
    pub intact: bool,
    /// How many chained entries were checked.
    pub checked: u64,
    /// The first entry that does not match, when one does not.
    pub first_broken: Option<BrokenLink>,
}

/// Where the chain breaks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct BrokenLink {
    /// The entry's number in the chain.
    pub seq: i64,
    /// The entry, when it still exists (a missing entry has none).
    pub id: Option<Uuid>,
    /// `altered` (its contents no longer give its hash), `unlinked` (it does not cover
    /// the entry before it), `missing` (a number of the chain has no entry).
    #[cfg_attr(feature = "openapi", schema(example = "altered"))]
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_needs_text() {
        let request = PostMessageRequest {
            text: "   ".into(),
            role: None,
            custom_role_id: None,
        };
        assert_eq!(request.validate().unwrap_err()[0].code, "required");
    }

    #[test]
    fn a_message_holds_no_invisible_or_control_characters() {
        for text in ["a\u{0}b", "\u{202E}evil", "\u{200B}\u{200B}", "\u{1b}[31m"] {
            let request = PostMessageRequest {
                text: text.into(),
                role: None,
                custom_role_id: None,
            };
            assert_eq!(
                request.validate().unwrap_err()[0].code,
                "invalid_characters"
            );
        }
        let lines = PostMessageRequest {
            text: "Briefing\nat 18:00".into(),
            role: None,
            custom_role_id: None,
        };
        assert!(lines.validate().is_ok());
    }

    #[test]
    fn a_message_goes_to_one_role_at_most() {
        let request = PostMessageRequest {
            text: "Briefing at 18:00".into(),
            role: Some(SystemRole::Waiter),
            custom_role_id: Some(Uuid::from_u128(1)),
        };
        assert_eq!(request.validate().unwrap_err()[0].field, "custom_role_id");
    }

    #[test]
    fn a_hello_never_shows_its_token() {
        let hello = ClientMessage::Hello {
            token: "secret".into(),
            since: Some(4),
        };
        assert!(!format!("{hello:?}").contains("secret"));
    }

    #[test]
    fn the_sockets_messages_are_tagged_by_type() {
        let parsed: ClientMessage =
            serde_json::from_str(r#"{"type":"hello","token":"t","since":3}"#).unwrap();
        assert_eq!(
            parsed,
            ClientMessage::Hello {
                token: "t".into(),
                since: Some(3)
            }
        );
        let ready = serde_json::to_string(&ServerMessage::Ready {
            unread: 2,
            last_seq: 9,
        })
        .unwrap();
        assert_eq!(ready, r#"{"type":"ready","unread":2,"last_seq":9}"#);
    }
}
