//! Invitations by email (note 001 §B): an owner or admin invites an email as a role;
//! a person whose email already has a proven account joins at once and is told, anyone
//! else gets a link to `/auth/accept-invite` valid 72 hours. The pending invitations
//! can be resent (a new link, the old one stops working) or cancelled; the link is
//! checked and accepted without an account, under a per-address rate limit, and every
//! failed check is audited.

pub mod http;
pub mod rules;
pub mod store;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(config: &mut ServiceConfig) {
    config
        .service(http::list_invitations)
        .service(http::create_invitation)
        .service(http::check_invitation)
        .service(http::accept_invitation)
        .service(http::resend_invitation)
        .service(http::cancel_invitation);
}
