//! The journal: what each audited action is called in the reader's language, which of
//! them are live events and who may receive them. One definition of each action's
//! name, shared by the server (the audit page's sentences, its CSV export, the events
//! it writes with the audit entry) and the app (toasts and the bell).
//!
//! A sentence reads like note 000 §2's example: "Le 01/07 à 18h02 — Léa Martin a
//! modifié le membre Paul Durand".

use crate::invitations::Language;
use crate::permissions::{code, Permission};

/// Who receives an event, besides being an active member of its restaurant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Members holding this permission.
    Holders(Permission),
    /// The members a team message is addressed to (everyone, or one role's holders).
    Addressees,
}

/// One audited action: its stable name, its phrases (the actor comes before them,
/// `{}` stands for the subject), and, for those announced live, their audience.
struct Action {
    name: &'static str,
    fr: &'static str,
    en: &'static str,
    it: &'static str,
    live: Option<Audience>,
    /// A security or session event: hidden from the journal unless asked for.
    security: bool,
    /// Session housekeeping (a token refresh): shown only with the security events.
    housekeeping: bool,
}

const TEAM: Option<Audience> = Some(Audience::Holders(code::STAFF_VIEW));
const FLOOR: Option<Audience> = Some(Audience::Holders(code::TABLES_VIEW));
const MENU: Option<Audience> = Some(Audience::Holders(code::PRODUCTS_VIEW));
const STOCK: Option<Audience> = Some(Audience::Holders(code::INVENTORY_VIEW));
const SECURITY: Option<Audience> = Some(Audience::Holders(code::AUDIT_VIEW));

macro_rules! actions {
    ($($name:literal => $fr:literal, $en:literal, $it:literal $(, live: $live:expr)? $(, security $($housekeeping:ident)?)?;)*) => {
        const ACTIONS: &[Action] = &[$(Action {
            name: $name,
            fr: $fr,
            en: $en,
            it: $it,
            live: actions!(@live $($live)?),
            security: actions!(@flag $(security $($housekeeping)?)?),
            housekeeping: actions!(@housekeeping $($($housekeeping)?)?),
        }),*];
    };
    (@live) => { None };
    (@live $live:expr) => { $live };
    (@flag) => { false };
    (@flag security $($rest:ident)?) => { true };
    (@housekeeping) => { false };
    (@housekeeping housekeeping) => { true };
}

actions! {
    // The team.
    "member.created" => "a ajouté {} à l'équipe", "added {} to the team", "ha aggiunto {} al team", live: TEAM;
    "member.added" => "a ajouté {} à l'équipe (un compte existant)", "added {} to the team (an existing account)", "ha aggiunto {} al team (un account esistente)", live: TEAM;
    "member.updated" => "a modifié le membre {}", "changed the member {}", "ha modificato il membro {}", live: TEAM;
    "member.overrides_changed" => "a changé les permissions personnelles de {}", "changed the personal permissions of {}", "ha cambiato i permessi personali di {}", live: TEAM;
    "member.deactivated" => "a désactivé {}", "deactivated {}", "ha disattivato {}", live: TEAM;
    "member.reactivated" => "a réactivé {}", "reactivated {}", "ha riattivato {}", live: TEAM;
    "member.removed" => "a retiré {} de l'équipe", "removed {} from the team", "ha rimosso {} dal team", live: TEAM;
    "member.left" => "a quitté l'équipe", "left the team", "ha lasciato il team", live: TEAM;
    "member.password_reset" => "a réinitialisé le mot de passe de {}", "reset the password of {}", "ha reimpostato la password di {}", live: SECURITY;
    "ownership.transferred" => "a transmis la propriété du restaurant à {}", "transferred the restaurant's ownership to {}", "ha trasferito la proprietà del ristorante a {}", live: TEAM;
    // The invitee's email is seen only by those who may see invitations.
    "invitation.sent" => "a invité {}", "invited {}", "ha invitato {}", live: Some(Audience::Holders(code::STAFF_CREATE));
    "invitation.resent" => "a renvoyé l'invitation de {}", "resent the invitation of {}", "ha reinviato l'invito di {}";
    "invitation.cancelled" => "a annulé l'invitation de {}", "cancelled the invitation of {}", "ha annullato l'invito di {}";
    "invitation.accepted" => "a accepté l'invitation et rejoint l'équipe", "accepted the invitation and joined the team", "ha accettato l'invito ed è entrato nel team", live: TEAM;
    "invitation.check_failed" => "a suivi un lien d'invitation invalide", "followed an invalid invitation link", "ha seguito un link d'invito non valido", security;
    // Roles and permissions.
    "role.created" => "a créé le rôle {}", "created the role {}", "ha creato il ruolo {}", live: TEAM;
    "role.updated" => "a modifié le rôle {}", "changed the role {}", "ha modificato il ruolo {}", live: TEAM;
    "role.deleted" => "a supprimé le rôle {}", "deleted the role {}", "ha eliminato il ruolo {}", live: TEAM;
    "role_override.changed" => "a changé les permissions du rôle {}", "changed the permissions of the role {}", "ha cambiato i permessi del ruolo {}", live: TEAM;
    "role_override.reset" => "a rétabli les permissions par défaut du rôle {}", "restored the default permissions of the role {}", "ha ripristinato i permessi predefiniti del ruolo {}", live: TEAM;
    // The restaurant and its floor.
    "restaurant.signup" => "a créé le restaurant {}", "created the restaurant {}", "ha creato il ristorante {}";
    "restaurant.demo_created" => "a créé le restaurant de démonstration {}", "created the demo restaurant {}", "ha creato il ristorante demo {}";
    "restaurant.settings_updated" => "a modifié les réglages du restaurant", "changed the restaurant's settings", "ha modificato le impostazioni del ristorante";
    "restaurant.opening_hours_updated" => "a modifié les horaires d'ouverture", "changed the opening hours", "ha modificato gli orari di apertura";
    "restaurant.logo_changed" => "a changé le logo", "changed the logo", "ha cambiato il logo";
    "restaurant.logo_removed" => "a retiré le logo", "removed the logo", "ha rimosso il logo";
    "onboarding.step_done" => "a terminé l'étape {} de la mise en route", "completed the getting-started step {}", "ha completato il passo {} dell'avvio";
    "zone.created" => "a créé la zone {}", "created the zone {}", "ha creato la zona {}", live: FLOOR;
    "zone.updated" => "a modifié la zone {}", "changed the zone {}", "ha modificato la zona {}", live: FLOOR;
    "zone.deleted" => "a supprimé la zone {}", "deleted the zone {}", "ha eliminato la zona {}", live: FLOOR;
    "zone.reordered" => "a réordonné les zones", "reordered the zones", "ha riordinato le zone", live: FLOOR;
    "table.added" => "a ajouté la table {}", "added the table {}", "ha aggiunto il tavolo {}", live: FLOOR;
    "table.updated" => "a modifié la table {}", "changed the table {}", "ha modificato il tavolo {}", live: FLOOR;
    "table.deleted" => "a supprimé la table {}", "deleted the table {}", "ha eliminato il tavolo {}", live: FLOOR;
    "table.qr_rotated" => "a renouvelé le QR code de la table {}", "renewed the QR code of the table {}", "ha rinnovato il codice QR del tavolo {}", live: FLOOR;
    "service.places_replaced" => "a réparti les places du service {}", "assigned the places of the service {}", "ha assegnato i posti del servizio {}", live: FLOOR;
    // The menu and its stock.
    "category.created" => "a créé la catégorie {}", "created the category {}", "ha creato la categoria {}";
    "category.updated" => "a modifié la catégorie {}", "changed the category {}", "ha modificato la categoria {}";
    "category.deleted" => "a supprimé la catégorie {}", "deleted the category {}", "ha eliminato la categoria {}";
    "menu.reordered" => "a réordonné la carte", "reordered the menu", "ha riordinato il menù";
    "menu.settings_updated" => "a modifié les réglages de la carte", "changed the menu's settings", "ha modificato le impostazioni del menù";
    "product.created" => "a ajouté {} à la carte", "added {} to the menu", "ha aggiunto {} al menù";
    "product.updated" => "a modifié le produit {}", "changed the product {}", "ha modificato il prodotto {}";
    "product.deleted" => "a supprimé le produit {}", "deleted the product {}", "ha eliminato il prodotto {}";
    "product.archived" => "a retiré {} de la carte (gardé dans l'historique)", "took {} off the menu (kept in history)", "ha tolto {} dal menù (conservato nello storico)";
    "product.prices_changed" => "a changé le prix de {}", "changed the price of {}", "ha cambiato il prezzo di {}";
    "product.variants_changed" => "a changé les variantes et options de {}", "changed the variants and options of {}", "ha cambiato varianti e opzioni di {}";
    "product.image_changed" => "a changé la photo de {}", "changed the picture of {}", "ha cambiato la foto di {}";
    "product.image_removed" => "a retiré la photo de {}", "removed the picture of {}", "ha rimosso la foto di {}";
    "product.made_unavailable" => "a rendu {} indisponible", "made {} unavailable", "ha reso {} non disponibile", live: MENU;
    "product.made_available" => "a rendu {} de nouveau disponible", "made {} available again", "ha reso {} di nuovo disponibile", live: MENU;
    "stock.settings_changed" => "a changé le suivi du stock de {}", "changed the stock tracking of {}", "ha cambiato il monitoraggio delle scorte di {}";
    "stock.moved" => "a enregistré un mouvement de stock de {}", "recorded a stock movement of {}", "ha registrato un movimento di scorte di {}";
    // Said without an actor: the stock crossed a line, whoever sold the last one.
    "stock.low" => "Stock bas : {}", "Low stock: {}", "Scorte basse: {}", live: STOCK;
    "stock.out" => "Rupture de stock : {}", "Out of stock: {}", "Esaurito: {}", live: STOCK;
    "stock.back" => "De nouveau en stock : {}", "Back in stock: {}", "Di nuovo disponibile: {}", live: STOCK;
    // Team messages.
    // Said the same to the whole team and to one role's holders.
    "message.sent" => "a écrit : {}", "wrote: {}", "ha scritto: {}", live: Some(Audience::Addressees);
    // A person's own account.
    "account.renamed" => "a changé son nom", "changed their name", "ha cambiato il proprio nome";
    "account.password_changed" => "a changé son mot de passe", "changed their password", "ha cambiato la propria password", security;
    "account.password_reset" => "a réinitialisé son mot de passe par e-mail", "reset their password by email", "ha reimpostato la propria password via e-mail", security;
    "account.email_verified" => "a confirmé son adresse e-mail", "confirmed their email address", "ha confermato il proprio indirizzo e-mail";
    // Sessions and security.
    "auth.login" => "s'est connecté", "logged in", "ha effettuato l'accesso", security;
    "auth.logout" => "s'est déconnecté", "logged out", "si è disconnesso", security;
    "auth.refresh_retried" => "a renouvelé sa session une seconde fois", "renewed their session a second time", "ha rinnovato la sessione una seconda volta", security housekeeping;
    "auth.restaurant_switched" => "a changé de restaurant", "switched restaurants", "ha cambiato ristorante", security housekeeping;
    "auth.login_failed" => "a échoué à se connecter", "failed to log in", "non è riuscito ad accedere", security;
    "auth.link_check_failed" => "a suivi un lien invalide", "followed an invalid link", "ha seguito un link non valido", security;
    "auth.refresh_token_reused" => "a réutilisé un jeton de session déjà utilisé : la session a été fermée", "reused a spent session token: the session was ended", "ha riutilizzato un token di sessione già usato: la sessione è stata chiusa", live: SECURITY, security;
    "auth.password_guessing_suspected" => "est la cible d'échecs de connexion répétés ({})", "is the target of repeated failed logins ({})", "è il bersaglio di ripetuti accessi falliti ({})", live: SECURITY, security;
    "access.refused_repeatedly" => "a été refusé à plusieurs reprises", "was refused many times", "è stato rifiutato più volte", live: SECURITY, security;
}

fn action(name: &str) -> Option<&'static Action> {
    ACTIONS.iter().find(|action| action.name == name)
}

/// The audience of `action` when it is announced live, or none.
pub fn audience(action: &str) -> Option<Audience> {
    self::action(action).and_then(|action| action.live)
}

/// Whether `action` is announced live.
pub fn is_live(action: &str) -> bool {
    audience(action).is_some()
}

/// Whether `action` is a security or session event (shown behind the filter).
pub fn is_security(action: &str) -> bool {
    self::action(action).is_some_and(|action| action.security)
}

/// Whether the subject of `action` is its actor too (someone who left names
/// themselves): a sentence then names them as the actor once they are gone.
pub fn acts_on_itself(action: &str) -> bool {
    action == "member.left"
}

/// Every action the journal names, for the filter's list.
pub fn actions() -> impl Iterator<Item = &'static str> {
    ACTIONS.iter().map(|action| action.name)
}

/// The security and session actions, which the journal hides unless asked.
pub fn security_actions() -> impl Iterator<Item = &'static str> {
    ACTIONS
        .iter()
        .filter(|action| action.security)
        .map(|action| action.name)
}

/// Session housekeeping (refreshes): hidden even among the security events' defaults.
pub fn is_housekeeping(action: &str) -> bool {
    self::action(action).is_some_and(|action| action.housekeeping)
}

/// A moment in the restaurant's time zone, as a sentence starts with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalMoment {
    pub day: u32,
    pub month: u32,
    pub hour: u32,
    pub minute: u32,
}

/// What a sentence is made of.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub when: Option<LocalMoment>,
    /// The actor's name, with their role when known ("Léa Martin (manager)").
    pub actor: Option<&'a str>,
    pub action: &'a str,
    /// The subject's name ("Paul Durand", "Barman", "T12").
    pub subject: Option<&'a str>,
}

/// What is done, in `lang`, with the subject in place: "a modifié le rôle Barman".
pub fn phrase(lang: Language, action: &str, subject: Option<&str>) -> String {
    let Some(known) = self::action(action) else {
        return match subject {
            Some(subject) => format!("{action} ({subject})"),
            None => action.to_owned(),
        };
    };
    let pattern = match lang {
        Language::Fr => known.fr,
        Language::En => known.en,
        Language::It => known.it,
    };
    pattern.replace("{}", subject.unwrap_or("—"))
}

/// A subject as the reader calls it: a system role's override is kept under the
/// role's code (`waiter`) and named in the reader's language; anything else as kept.
pub fn subject_in(lang: Language, entity: &str, subject: Option<&str>) -> Option<String> {
    let subject = subject?;
    if entity == "role_override" {
        if let Ok(role) = subject.parse::<crate::permissions::SystemRole>() {
            let labels = role.labels();
            let name = match lang {
                Language::Fr => labels.fr,
                Language::En => labels.en,
                Language::It => labels.it,
            };
            return Some(name.to_owned());
        }
    }
    Some(subject.to_owned())
}

/// Who did it when no person did (a failed login by an unknown address).
pub fn someone(lang: Language) -> &'static str {
    match lang {
        Language::Fr => "Quelqu'un",
        Language::En => "Someone",
        Language::It => "Qualcuno",
    }
}

/// The actions said without their actor: what the stock did, not who sold.
pub const IMPERSONAL: [&str; 3] = ["stock.low", "stock.out", "stock.back"];

fn date(lang: Language, when: LocalMoment) -> String {
    let (day, month, hour, minute) = (when.day, when.month, when.hour, when.minute);
    match lang {
        Language::Fr => format!("Le {day:02}/{month:02} à {hour:02}h{minute:02}"),
        Language::En => format!("On {day:02}/{month:02} at {hour:02}:{minute:02}"),
        Language::It => format!("Il {day:02}/{month:02} alle {hour:02}:{minute:02}"),
    }
}

/// The whole sentence: "Le 01/07 à 18h02 — Léa Martin a modifié le rôle Barman".
pub fn sentence(lang: Language, facts: Facts<'_>) -> String {
    let actor = facts.actor.unwrap_or(someone(lang));
    let what = phrase(lang, facts.action, facts.subject);
    if IMPERSONAL.contains(&facts.action) {
        return match facts.when {
            Some(when) => format!("{} — {what}", date(lang, when)),
            None => what,
        };
    }
    match facts.when {
        Some(when) => format!("{} — {actor} {what}", date(lang, when)),
        None => format!("{actor} {what}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_reads_like_note_000s_example_in_french() {
        let text = sentence(
            Language::Fr,
            Facts {
                when: Some(LocalMoment {
                    day: 1,
                    month: 7,
                    hour: 18,
                    minute: 2,
                }),
                actor: Some("employe01"),
                action: "role.updated",
                subject: Some("Barman"),
            },
        );
        assert_eq!(
            text,
            "Le 01/07 à 18h02 — employe01 a modifié le rôle Barman"
        );
    }

    #[test]
    fn a_stock_alert_is_said_without_who_sold_the_last_one() {
        let facts = Facts {
            when: None,
            actor: Some("Léa Martin"),
            action: "stock.low",
            subject: Some("Cappuccino Vanille (3)"),
        };
        assert_eq!(
            sentence(Language::En, facts),
            "Low stock: Cappuccino Vanille (3)"
        );
    }

    #[test]
    fn a_sentence_is_written_in_the_readers_language() {
        let facts = Facts {
            when: None,
            actor: Some("Léa"),
            action: "member.deactivated",
            subject: Some("Paul"),
        };
        assert_eq!(sentence(Language::En, facts), "Léa deactivated Paul");
        assert_eq!(sentence(Language::It, facts), "Léa ha disattivato Paul");
    }

    #[test]
    fn an_unknown_action_is_named_as_it_is_rather_than_dropped() {
        assert_eq!(
            phrase(Language::En, "order.created", Some("#12")),
            "order.created (#12)"
        );
    }

    #[test]
    fn a_system_role_is_named_in_the_readers_language() {
        assert_eq!(
            subject_in(Language::Fr, "role_override", Some("waiter")).as_deref(),
            Some("Serveur")
        );
        assert_eq!(
            subject_in(Language::En, "custom_role", Some("waiter")).as_deref(),
            Some("waiter")
        );
    }

    #[test]
    fn every_action_is_named_once() {
        let mut names: Vec<_> = actions().collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
    }

    #[test]
    fn security_events_reach_only_those_who_may_read_the_audit_trail() {
        assert_eq!(
            audience("auth.password_guessing_suspected"),
            Some(Audience::Holders(code::AUDIT_VIEW))
        );
        assert_eq!(
            audience("member.updated"),
            Some(Audience::Holders(code::STAFF_VIEW))
        );
        assert_eq!(audience("auth.refresh_retried"), None);
        assert!(is_housekeeping("auth.refresh_retried"));
        assert!(is_security("auth.login_failed"));
        assert!(!is_security("member.updated"));
    }
}
