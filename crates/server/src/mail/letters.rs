//! What Brigade writes, in French, English and Italian: each letter's subject, words
//! and link, rendered through one responsive HTML template and its plain-text twin
//! (`templates/mail.html`, `templates/mail.txt`).

use askama::Template;
use brigade_domain::invitations::Language;
use brigade_domain::permissions::SystemRole;
use chrono::{DateTime, Utc};

use super::Letter;

#[derive(Template)]
#[template(path = "mail.html")]
struct Html<'a> {
    lang: &'a str,
    subject: &'a str,
    restaurant: &'a str,
    logo_url: Option<&'a str>,
    heading: &'a str,
    paragraphs: &'a [String],
    code: Option<&'a str>,
    link: Option<&'a str>,
    button: &'a str,
    link_hint: &'a str,
    footnote: &'a str,
}

#[derive(Template)]
#[template(path = "mail.txt")]
struct Text<'a> {
    /// `:` as the language writes it (French puts a space before).
    colon: &'a str,
    restaurant: &'a str,
    heading: &'a str,
    paragraphs: &'a [String],
    code: Option<&'a str>,
    link: Option<&'a str>,
    button: &'a str,
    footnote: &'a str,
}

/// A letter's words before rendering.
struct Words {
    kind: &'static str,
    lang: Language,
    subject: String,
    restaurant: String,
    heading: String,
    paragraphs: Vec<String>,
    code: Option<String>,
    link: Option<String>,
    button: String,
    footnote: String,
}

fn link_hint(lang: Language) -> &'static str {
    match lang {
        Language::Fr => "Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :",
        Language::En => "If the button does not work, copy this link into your browser:",
        Language::It => "Se il pulsante non funziona, copia questo link nel browser:",
    }
}

fn render(words: Words) -> Letter {
    let html = Html {
        lang: words.lang.as_str(),
        subject: &words.subject,
        restaurant: &words.restaurant,
        logo_url: None,
        heading: &words.heading,
        paragraphs: &words.paragraphs,
        code: words.code.as_deref(),
        link: words.link.as_deref(),
        button: &words.button,
        link_hint: link_hint(words.lang),
        footnote: &words.footnote,
    }
    .render()
    .unwrap_or_default();
    let text = Text {
        colon: if words.lang == Language::Fr {
            "\u{a0}:"
        } else {
            ":"
        },
        restaurant: &words.restaurant,
        heading: &words.heading,
        paragraphs: &words.paragraphs,
        code: words.code.as_deref(),
        link: words.link.as_deref(),
        button: &words.button,
        footnote: &words.footnote,
    }
    .render()
    .unwrap_or_default();
    Letter {
        kind: words.kind,
        subject: words.subject,
        html,
        text,
        link: words.link,
    }
}

/// A role's name in the letter's language.
pub fn role_name(role: SystemRole, lang: Language) -> &'static str {
    let labels = role.labels();
    match lang {
        Language::Fr => labels.fr,
        Language::En => labels.en,
        Language::It => labels.it,
    }
}

fn day(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// What an invitation says.
pub struct InvitationLetter<'a> {
    pub lang: Language,
    pub restaurant: &'a str,
    pub inviter: &'a str,
    pub role: SystemRole,
    pub link: String,
    pub expires_at: DateTime<Utc>,
}

pub fn invitation(l: InvitationLetter<'_>) -> Letter {
    let role = role_name(l.role, l.lang);
    let (subject, heading, body, button, footnote) = match l.lang {
        Language::Fr => (
            format!("Rejoignez l'équipe de {} sur Brigade", l.restaurant),
            "Vous êtes invité·e à rejoindre l'équipe".to_owned(),
            format!("{} vous invite à rejoindre l'équipe de {} en tant que {role}.", l.inviter, l.restaurant),
            "Accepter l'invitation",
            format!("Ce lien expire dans 72 heures ({}) et ne sert qu'une fois. Si vous n'attendiez pas cette invitation, ignorez ce message.", day(l.expires_at)),
        ),
        Language::En => (
            format!("Join the {} team on Brigade", l.restaurant),
            "You are invited to join the team".to_owned(),
            format!("{} invites you to join the {} team as {role}.", l.inviter, l.restaurant),
            "Accept the invitation",
            format!("This link expires in 72 hours ({}) and works once. If you were not expecting this invitation, ignore this message.", day(l.expires_at)),
        ),
        Language::It => (
            format!("Unisciti al team di {} su Brigade", l.restaurant),
            "Sei invitato/a a unirti al team".to_owned(),
            format!("{} ti invita a unirti al team di {} come {role}.", l.inviter, l.restaurant),
            "Accetta l'invito",
            format!("Questo link scade tra 72 ore ({}) e funziona una sola volta. Se non aspettavi questo invito, ignora questo messaggio.", day(l.expires_at)),
        ),
    };
    render(Words {
        kind: "invitation",
        lang: l.lang,
        subject,
        restaurant: l.restaurant.to_owned(),
        heading,
        paragraphs: vec![body],
        code: None,
        link: Some(l.link),
        button: button.to_owned(),
        footnote,
    })
}

/// What a person with an account is told when a restaurant adds them.
pub struct AddedLetter<'a> {
    pub lang: Language,
    pub restaurant: &'a str,
    pub inviter: &'a str,
    pub role: SystemRole,
    pub link: String,
}

pub fn member_added(l: AddedLetter<'_>) -> Letter {
    let role = role_name(l.role, l.lang);
    let (subject, heading, body, button, footnote) = match l.lang {
        Language::Fr => (
            format!("Vous avez rejoint l'équipe de {} sur Brigade", l.restaurant),
            "Bienvenue dans l'équipe",
            format!("{} vous a ajouté·e à l'équipe de {} en tant que {role}. Connectez-vous avec votre compte Brigade habituel.", l.inviter, l.restaurant),
            "Ouvrir Brigade",
            "Ce n'était pas prévu ? Vous pouvez quitter ce restaurant depuis votre profil.",
        ),
        Language::En => (
            format!("You joined the {} team on Brigade", l.restaurant),
            "Welcome to the team",
            format!("{} added you to the {} team as {role}. Log in with your usual Brigade account.", l.inviter, l.restaurant),
            "Open Brigade",
            "Not expected? You can leave this restaurant from your profile.",
        ),
        Language::It => (
            format!("Sei entrato/a nel team di {} su Brigade", l.restaurant),
            "Benvenuto/a nel team",
            format!("{} ti ha aggiunto/a al team di {} come {role}. Accedi con il tuo solito account Brigade.", l.inviter, l.restaurant),
            "Apri Brigade",
            "Non te lo aspettavi? Puoi lasciare questo ristorante dal tuo profilo.",
        ),
    };
    render(Words {
        kind: "member_added",
        lang: l.lang,
        subject,
        restaurant: l.restaurant.to_owned(),
        heading: heading.to_owned(),
        paragraphs: vec![body],
        code: None,
        link: Some(l.link),
        button: button.to_owned(),
        footnote: footnote.to_owned(),
    })
}

/// What the inviter is told when their invitation is accepted.
pub struct AcceptedLetter<'a> {
    pub lang: Language,
    pub restaurant: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub role: SystemRole,
    pub link: String,
}

pub fn invitation_accepted(l: AcceptedLetter<'_>) -> Letter {
    let role = role_name(l.role, l.lang);
    let (subject, body, button) = match l.lang {
        Language::Fr => (
            format!("{} a rejoint l'équipe de {}", l.name, l.restaurant),
            format!("{} ({}) a accepté votre invitation et fait désormais partie de l'équipe en tant que {role}.", l.name, l.email),
            "Voir l'équipe",
        ),
        Language::En => (
            format!("{} joined the {} team", l.name, l.restaurant),
            format!("{} ({}) accepted your invitation and is now on the team as {role}.", l.name, l.email),
            "See the team",
        ),
        Language::It => (
            format!("{} è entrato/a nel team di {}", l.name, l.restaurant),
            format!("{} ({}) ha accettato il tuo invito e ora fa parte del team come {role}.", l.name, l.email),
            "Vedi il team",
        ),
    };
    render(Words {
        kind: "invitation_accepted",
        lang: l.lang,
        heading: subject.clone(),
        subject,
        restaurant: l.restaurant.to_owned(),
        paragraphs: vec![body],
        code: None,
        link: Some(l.link),
        button: button.to_owned(),
        footnote: String::new(),
    })
}

/// A password reset link.
pub fn password_reset(lang: Language, email: &str, link: String) -> Letter {
    let (subject, body, button, footnote) = match lang {
        Language::Fr => (
            "Réinitialisez votre mot de passe Brigade",
            format!("Quelqu'un — vous, nous l'espérons — a demandé à réinitialiser le mot de passe du compte Brigade {email}."),
            "Choisir un nouveau mot de passe",
            "Ce lien expire dans une heure et ne sert qu'une fois. Choisir un nouveau mot de passe ferme toutes vos sessions. Vous n'avez rien demandé ? Ignorez ce message : votre mot de passe ne change pas.",
        ),
        Language::En => (
            "Reset your Brigade password",
            format!("Someone — you, we hope — asked to reset the password of the Brigade account {email}."),
            "Choose a new password",
            "This link expires in one hour and works once. Choosing a new password ends all your sessions. Did not ask? Ignore this message: your password stays as it is.",
        ),
        Language::It => (
            "Reimposta la tua password Brigade",
            format!("Qualcuno — speriamo tu — ha chiesto di reimpostare la password dell'account Brigade {email}."),
            "Scegli una nuova password",
            "Questo link scade tra un'ora e funziona una sola volta. Scegliere una nuova password chiude tutte le tue sessioni. Non l'hai chiesto? Ignora questo messaggio: la password resta invariata.",
        ),
    };
    render(Words {
        kind: "password_reset",
        lang,
        subject: subject.to_owned(),
        restaurant: "Brigade".to_owned(),
        heading: subject.to_owned(),
        paragraphs: vec![body],
        code: None,
        link: Some(link),
        button: button.to_owned(),
        footnote: footnote.to_owned(),
    })
}

/// An email verification link.
pub fn verify_email(lang: Language, email: &str, link: String) -> Letter {
    let (subject, body, button, footnote) = match lang {
        Language::Fr => (
            "Confirmez votre adresse e-mail sur Brigade",
            format!("Confirmez que {email} est bien votre adresse : vous pourrez alors rejoindre d'autres restaurants sur Brigade et récupérer votre compte si vous oubliez votre mot de passe."),
            "Confirmer mon adresse",
            "Ce lien expire dans 72 heures et ne sert qu'une fois.",
        ),
        Language::En => (
            "Confirm your email address on Brigade",
            format!("Confirm that {email} is your address: you can then join other restaurants on Brigade and recover your account if you forget your password."),
            "Confirm my address",
            "This link expires in 72 hours and works once.",
        ),
        Language::It => (
            "Conferma il tuo indirizzo email su Brigade",
            format!("Conferma che {email} è il tuo indirizzo: potrai così unirti ad altri ristoranti su Brigade e recuperare l'account se dimentichi la password."),
            "Conferma il mio indirizzo",
            "Questo link scade tra 72 ore e funziona una sola volta.",
        ),
    };
    render(Words {
        kind: "verify_email",
        lang,
        subject: subject.to_owned(),
        restaurant: "Brigade".to_owned(),
        heading: subject.to_owned(),
        paragraphs: vec![body],
        code: None,
        link: Some(link),
        button: button.to_owned(),
        footnote: footnote.to_owned(),
    })
}

/// A temporary password an owner or admin set for a member.
pub fn temporary_password(
    lang: Language,
    restaurant: &str,
    by: &str,
    password: &str,
    link: String,
) -> Letter {
    let (subject, body, button, footnote) = match lang {
        Language::Fr => (
            format!("Votre nouveau mot de passe temporaire pour {restaurant}"),
            format!("{by} a réinitialisé votre mot de passe Brigade. Connectez-vous avec ce mot de passe temporaire : vous en choisirez un nouveau aussitôt."),
            "Se connecter",
            "Vos sessions ouvertes ont été fermées.",
        ),
        Language::En => (
            format!("Your new temporary password for {restaurant}"),
            format!("{by} reset your Brigade password. Log in with this temporary password: you will choose a new one right away."),
            "Log in",
            "Your open sessions were ended.",
        ),
        Language::It => (
            format!("La tua nuova password temporanea per {restaurant}"),
            format!("{by} ha reimpostato la tua password Brigade. Accedi con questa password temporanea: ne sceglierai subito una nuova."),
            "Accedi",
            "Le tue sessioni aperte sono state chiuse.",
        ),
    };
    render(Words {
        kind: "temporary_password",
        lang,
        heading: subject.clone(),
        subject,
        restaurant: restaurant.to_owned(),
        paragraphs: vec![body],
        code: Some(password.to_owned()),
        link: Some(link),
        button: button.to_owned(),
        footnote: footnote.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_escapes_the_restaurant_name_in_html_but_not_in_text() {
        let letter = invitation(InvitationLetter {
            lang: Language::Fr,
            restaurant: "Chez <Léa> & fils",
            inviter: "Léa",
            role: SystemRole::Waiter,
            link: "http://127.0.0.1/auth/accept-invite?token=abc".into(),
            expires_at: Utc::now(),
        });
        assert_eq!(
            letter.subject,
            "Rejoignez l'équipe de Chez <Léa> & fils sur Brigade"
        );
        assert!(
            letter.html.contains("Chez &#60;Léa&#62; &#38; fils")
                || letter.html.contains("Chez &lt;Léa&gt; &amp; fils"),
            "{}",
            letter.html
        );
        assert!(!letter.html.contains("<Léa>"));
        assert!(letter.text.contains("Chez <Léa> & fils"));
        assert!(letter
            .text
            .contains("http://127.0.0.1/auth/accept-invite?token=abc"));
        assert!(letter.text.contains("72"));
    }

    #[test]
    fn each_language_writes_its_own_subject() {
        let make = |lang| {
            invitation(InvitationLetter {
                lang,
                restaurant: "Da Mario",
                inviter: "Mario",
                role: SystemRole::Chef,
                link: "http://x/".into(),
                expires_at: Utc::now(),
            })
            .subject
        };
        assert_eq!(make(Language::En), "Join the Da Mario team on Brigade");
        assert_eq!(
            make(Language::It),
            "Unisciti al team di Da Mario su Brigade"
        );
    }
}
