//! The app's words in French, English and Italian. Every text is declared once, in the
//! `texts!` table below, with its three translations side by side: a missing
//! translation does not compile. Error codes and field-error codes from the domain are
//! translated here too, by exhaustive matches, so a new code cannot go untranslated.

use brigade_domain::api::HeldRoleRef;
use brigade_domain::errors::ErrorCode;
use brigade_domain::floor;
use brigade_domain::permissions::Labels;
use brigade_domain::validation::{FieldError, Password, PersonName, RestaurantName, TableCount};
use leptos::prelude::*;

use crate::storage;

/// A language the app ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Fr,
    En,
    It,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Fr, Lang::En, Lang::It];

    /// The BCP 47 tag written to `<html lang>` and stored in `localStorage`.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
            Lang::It => "it",
        }
    }

    /// The locale used to format dates, times and amounts.
    pub const fn locale(self) -> &'static str {
        match self {
            Lang::Fr => "fr-FR",
            Lang::En => "en-GB",
            Lang::It => "it-IT",
        }
    }

    /// The language's own name, as shown in the switch.
    pub const fn native_name(self) -> &'static str {
        match self {
            Lang::Fr => "Français",
            Lang::En => "English",
            Lang::It => "Italiano",
        }
    }

    /// The same language for the mail the server writes.
    pub const fn mail_language(self) -> brigade_domain::invitations::Language {
        use brigade_domain::invitations::Language;
        match self {
            Lang::Fr => Language::Fr,
            Lang::En => Language::En,
            Lang::It => Language::It,
        }
    }

    /// Reads a tag such as `fr`, `fr-BE` or `it_IT`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|lang| lang.code() == primary)
    }

    /// Picks a label of the domain's catalogue in this language.
    pub const fn pick(self, labels: &Labels) -> &'static str {
        match self {
            Lang::Fr => labels.fr,
            Lang::En => labels.en,
            Lang::It => labels.it,
        }
    }

    /// A held role's name: a system role's label in this language, or a custom role's
    /// own name.
    pub fn role_name(self, role: &HeldRoleRef) -> String {
        match role {
            HeldRoleRef::System { role } => self.pick(role.labels()).to_owned(),
            HeldRoleRef::Custom { name, .. } => name.clone(),
        }
    }

    /// Every held role's name, comma-separated.
    pub fn role_names(self, roles: &[HeldRoleRef]) -> String {
        roles
            .iter()
            .map(|role| self.role_name(role))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A counted text, written `"one|other"` with `{n}`: the form this language's
    /// rule picks for `n` (French says "0 membre", English "0 members").
    pub fn plural(self, text: &str, n: usize) -> String {
        let (one, other) = text.split_once('|').unwrap_or((text, text));
        let singular = match self {
            Lang::Fr => n <= 1,
            Lang::En | Lang::It => n == 1,
        };
        let form = if singular { one } else { other };
        form.replace("{n}", &n.to_string())
    }

    pub const fn text(self) -> &'static Text {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
            Lang::It => &IT,
        }
    }
}

const LANG_KEY: &str = "brigade.lang";

/// The language at start: the one chosen before, else the browser's first supported
/// preference, else English.
pub fn initial_lang() -> Lang {
    if let Some(lang) = storage::get(LANG_KEY).and_then(|tag| Lang::from_tag(&tag)) {
        return lang;
    }
    let Some(window) = web_sys::window() else {
        return Lang::En;
    };
    window
        .navigator()
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .chain(window.navigator().language())
        .find_map(|tag| Lang::from_tag(&tag))
        .unwrap_or(Lang::En)
}

/// The current language, shared through the context.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// Creates the language state and keeps `<html lang>` and the stored choice in step.
    pub fn provide() -> Self {
        let i18n = I18n {
            lang: RwSignal::new(initial_lang()),
        };
        Effect::new(move |_| {
            let lang = i18n.lang.get();
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", lang.code());
            }
        });
        provide_context(i18n);
        i18n
    }

    /// Switches language and remembers the choice.
    pub fn choose(self, lang: Lang) {
        storage::set(LANG_KEY, lang.code());
        self.lang.set(lang);
    }

    /// The texts in the current language (reactive).
    pub fn t(self) -> &'static Text {
        self.lang.get().text()
    }
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or(I18n {
        lang: RwSignal::new(Lang::En),
    })
}

/// A text picked by a function of [`Text`], so components can take "which text" as a
/// plain value and stay reactive to the language.
pub type TextFn = fn(&Text) -> &'static str;

/// A text in the current language, as a reactive child or attribute value. Every
/// static text goes through this one function so that it has one closure type: each
/// `move ||` closure of its own would be compiled into its own copy of the rendering
/// code, and the app would weigh far more.
pub fn tr(text: TextFn) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || text(i18n.t())
}

macro_rules! texts {
    ($($key:ident: $fr:literal, $en:literal, $it:literal;)+) => {
        /// Every text of the app in one language.
        #[derive(Debug)]
        pub struct Text { $(pub $key: &'static str,)+ }
        pub static FR: Text = Text { $($key: $fr,)+ };
        pub static EN: Text = Text { $($key: $en,)+ };
        pub static IT: Text = Text { $($key: $it,)+ };
    };
}

texts! {
    loading: "Chargement…", "Loading…", "Caricamento…";
    retry: "Réessayer", "Try again", "Riprova";
    unreachable_title: "Brigade est injoignable", "Brigade cannot be reached", "Brigade non è raggiungibile";
    unreachable_body: "Vérifiez votre connexion puis réessayez.", "Check your connection, then try again.", "Controlla la connessione e riprova.";
    tagline: "Le back-office de votre restaurant", "Your restaurant's back office", "Il back office del tuo ristorante";

    login_title: "Connexion", "Log in", "Accesso";
    login_lead: "Heureux de vous revoir.", "Welcome back.", "Bentornato.";
    email: "E-mail", "Email", "Email";
    password: "Mot de passe", "Password", "Password";
    login_submit: "Se connecter", "Log in", "Accedi";
    login_pending: "Connexion…", "Logging in…", "Accesso in corso…";
    no_account: "Pas encore de compte ?", "No account yet?", "Non hai ancora un account?";
    signup_link: "Créer un restaurant", "Create a restaurant", "Crea un ristorante";
    signup_title: "Créer votre restaurant", "Create your restaurant", "Crea il tuo ristorante";
    signup_lead: "Vous en serez le propriétaire ; vous inviterez votre équipe ensuite.", "You will be its owner; you can bring in your team afterwards.", "Ne sarai il titolare; potrai aggiungere il tuo team in seguito.";
    restaurant_name: "Nom du restaurant", "Restaurant name", "Nome del ristorante";
    owner_name: "Votre nom", "Your name", "Il tuo nome";
    table_count: "Nombre de tables", "Number of tables", "Numero di tavoli";
    password_hint: "Au moins 8 caractères. Une phrase facile à retenir fonctionne bien.", "At least 8 characters. A phrase you can remember works well.", "Almeno 8 caratteri. Una frase facile da ricordare va benissimo.";
    signup_submit: "Créer le restaurant", "Create the restaurant", "Crea il ristorante";
    signup_pending: "Création…", "Creating…", "Creazione…";
    have_account: "Déjà un compte ?", "Already have an account?", "Hai già un account?";
    login_link: "Se connecter", "Log in", "Accedi";

    skip_to_content: "Aller au contenu", "Skip to content", "Vai al contenuto";
    menu: "Navigation", "Navigation", "Navigazione";
    main_navigation: "Navigation principale", "Main navigation", "Navigazione principale";
    switch_restaurant: "Changer de restaurant", "Switch restaurant", "Cambia ristorante";
    notifications: "Notifications", "Notifications", "Notifiche";
    no_notifications: "Aucune notification pour l'instant.", "No notifications yet.", "Nessuna notifica per ora.";
    theme_to_dark: "Passer au thème sombre", "Switch to the dark theme", "Passa al tema scuro";
    theme_to_light: "Passer au thème clair", "Switch to the light theme", "Passa al tema chiaro";
    language: "Langue", "Language", "Lingua";
    account_menu: "Menu du compte", "Account menu", "Menu dell'account";
    profile: "Mon profil", "My profile", "Il mio profilo";
    logout: "Se déconnecter", "Log out", "Esci";

    dashboard: "Tableau de bord", "Dashboard", "Dashboard";
    team: "Équipe", "Team", "Team";
    audit: "Journal d'activité", "Activity log", "Registro attività";
    hello: "Bonjour, {name}", "Hello, {name}", "Buongiorno, {name}";
    dashboard_lead: "Voici ce que vous pouvez faire dans « {restaurant} ».", "Here is what you can do at {restaurant}.", "Ecco cosa puoi fare in «{restaurant}».";
    your_pages: "Vos pages", "Your pages", "Le tue pagine";
    your_modules: "Vos modules", "Your modules", "I tuoi moduli";
    modules_lead: "Les parties de Brigade où votre rôle vous donne des droits.", "The parts of Brigade where your role gives you rights.", "Le parti di Brigade in cui il tuo ruolo ti dà dei permessi.";
    permission_count: "{n} droit|{n} droits", "{n} permission|{n} permissions", "{n} permesso|{n} permessi";
    no_modules: "Aucun droit dans ce restaurant pour l'instant.", "No permissions in this restaurant yet.", "Ancora nessun permesso in questo ristorante.";
    role: "Rôle", "Role", "Ruolo";
    team_card: "Les membres de l'équipe et leurs rôles.", "The team's members and their roles.", "I membri del team e i loro ruoli.";
    audit_card: "Qui a fait quoi, et quand.", "Who did what, and when.", "Chi ha fatto cosa, e quando.";
    profile_card: "Votre nom, votre mot de passe, votre activité.", "Your name, your password, your activity.", "Il tuo nome, la password, la tua attività.";

    identity: "Identité", "Identity", "Identità";
    name: "Nom", "Name", "Nome";
    save: "Enregistrer", "Save", "Salva";
    saving: "Enregistrement…", "Saving…", "Salvataggio…";
    name_saved: "Nom enregistré.", "Name saved.", "Nome salvato.";
    change_password: "Changer le mot de passe", "Change password", "Cambia password";
    password_change_note: "Vos autres sessions seront déconnectées ; celle-ci reste ouverte.", "Your other sessions will be signed out; this one stays open.", "Le altre sessioni verranno disconnesse; questa resta aperta.";
    current_password: "Mot de passe actuel", "Current password", "Password attuale";
    new_password: "Nouveau mot de passe", "New password", "Nuova password";
    confirm_password: "Confirmer le nouveau mot de passe", "Confirm the new password", "Conferma la nuova password";
    passwords_differ: "Les deux mots de passe ne correspondent pas.", "The two passwords do not match.", "Le due password non coincidono.";
    password_changed: "Mot de passe changé. Vos autres sessions ont été déconnectées.", "Password changed. Your other sessions have been signed out.", "Password cambiata. Le altre sessioni sono state disconnesse.";
    activity: "Activité", "Activity", "Attività";
    last_activity: "Dernière activité", "Last activity", "Ultima attività";
    first_visit: "C'est votre première visite.", "This is your first visit.", "È la tua prima visita.";
    account_created: "Compte créé", "Account created", "Account creato";

    search: "Rechercher", "Search", "Cerca";
    search_members: "Nom ou e-mail", "Name or email", "Nome o email";
    member_count: "{n} membre|{n} membres", "{n} member|{n} members", "{n} membro|{n} membri";
    status: "Statut", "Status", "Stato";
    active: "Actif", "Active", "Attivo";
    inactive: "Inactif", "Inactive", "Inattivo";
    no_members: "Aucun membre ne correspond.", "No member matches.", "Nessun membro corrisponde.";
    never: "Jamais", "Never", "Mai";
    when: "Quand", "When", "Quando";
    action: "Action", "Action", "Azione";
    subject: "Objet", "Subject", "Oggetto";
    no_audit: "Aucune entrée pour l'instant.", "No entries yet.", "Ancora nessuna voce.";
    unread: "Non lue", "Unread", "Non letta";
    reconnecting: "Connexion perdue : reconnexion en cours…", "Connection lost: reconnecting…", "Connessione persa: riconnessione in corso…";
    to_admins: "Les administrateurs", "All admins", "Gli amministratori";
    to_managers: "Les managers", "All managers", "I manager";
    to_cashiers: "Les caissiers", "All cashiers", "I cassieri";
    to_chefs: "Les cuisiniers", "All chefs", "I cuochi";
    to_waiters: "Les serveurs", "All waiters", "I camerieri";
    clear_filters: "Effacer les filtres", "Clear the filters", "Azzera i filtri";
    dates_reversed: "La date de fin est avant la date de début.", "The end date is before the start date.", "La data di fine è prima della data di inizio.";
    no_audit_match: "Aucune entrée ne correspond à ces filtres.", "No entries match these filters.", "Nessuna voce corrisponde a questi filtri.";
    unread_count: "{n} non lue|{n} non lues", "{n} unread|{n} unread", "{n} non letta|{n} non lette";
    mark_read: "Marquer comme lue", "Mark as read", "Segna come letta";
    mark_all_read: "Tout marquer comme lu", "Mark all as read", "Segna tutte come lette";
    write_to_team: "Écrire à l'équipe", "Message the team", "Scrivi al team";
    message_to: "Destinataires", "Recipients", "Destinatari";
    whole_team: "Toute l'équipe", "The whole team", "Tutto il team";
    send: "Envoyer", "Send", "Invia";
    message_sent: "Message envoyé.", "Message sent.", "Messaggio inviato.";
    before_after: "Avant / après", "Before / after", "Prima / dopo";
    field: "Champ", "Field", "Campo";
    before: "Avant", "Before", "Prima";
    after: "Après", "After", "Dopo";
    what_happened: "Ce qui s'est passé", "What happened", "Cosa è successo";
    security_event: "Sécurité", "Security", "Sicurezza";
    actor: "Par", "By", "Da";
    change_details: "Modifications", "Changes", "Modifiche";
    export_csv: "Exporter en CSV", "Export as CSV", "Esporta in CSV";
    verify_chain: "Vérifier l'intégrité", "Verify integrity", "Verifica l'integrità";
    chain_intact: "Journal intact : {n} entrée vérifiée, événements de sécurité compris.|Journal intact : {n} entrées vérifiées, événements de sécurité compris.", "The log is intact: {n} entry checked, security events included.|The log is intact: {n} entries checked, security events included.", "Registro integro: {n} voce verificata, eventi di sicurezza compresi.|Registro integro: {n} voci verificate, eventi di sicurezza compresi.";
    chain_broken: "Le journal a été modifié : l'entrée n° {seq} {reason}.", "The log was tampered with: entry #{seq} {reason}.", "Il registro è stato manomesso: la voce n. {seq} {reason}.";
    chain_altered: "ne correspond plus à ce qui avait été écrit", "no longer matches what was written", "non corrisponde più a quanto scritto";
    chain_unlinked: "ne suit plus l'entrée précédente", "no longer follows the entry before it", "non segue più la voce precedente";
    chain_missing: "a disparu", "is missing", "è scomparsa";
    everyone: "Tout le monde", "Everyone", "Tutti";
    all_actions: "Toutes les actions", "All actions", "Tutte le azioni";
    all_subjects: "Tous les éléments", "Everything", "Tutti gli elementi";
    concerning: "Élément concerné", "Concerning", "Elemento interessato";
    from_date: "Du", "From", "Dal";
    to_date: "Au", "To", "Al";
    security_events: "Événements de sécurité", "Security events", "Eventi di sicurezza";
    entries_count: "{n} entrée|{n} entrées", "{n} entry|{n} entries", "{n} voce|{n} voci";
    entity_member: "Membres", "Members", "Membri";
    entity_invitation: "Invitations", "Invitations", "Inviti";
    entity_custom_role: "Rôles personnalisés", "Custom roles", "Ruoli personalizzati";
    entity_system_role: "Rôles système", "System roles", "Ruoli di sistema";
    entity_zone: "Zones", "Zones", "Zone";
    entity_table: "Tables", "Tables", "Tavoli";
    entity_service: "Services", "Services", "Servizi";
    entity_menu: "Carte (ordre, réglages)", "Menu (order, settings)", "Menù (ordine, impostazioni)";
    entity_category: "Catégories", "Categories", "Categorie";
    entity_product: "Produits", "Products", "Prodotti";
    entity_stock_item: "Stock", "Stock", "Scorte";
    entity_restaurant: "Restaurant", "Restaurant", "Ristorante";
    entity_message: "Messages", "Messages", "Messaggi";
    entity_account: "Comptes", "Accounts", "Account";
    entity_session: "Sessions", "Sessions", "Sessioni";
    previous: "Précédent", "Previous", "Precedente";
    next: "Suivant", "Next", "Successivo";

    not_allowed_title: "Accès non autorisé", "Not allowed", "Accesso non consentito";
    not_allowed_body: "Votre rôle ne donne pas accès à cette page. Demandez au propriétaire si vous en avez besoin.", "Your role does not give access to this page. Ask the owner if you need it.", "Il tuo ruolo non dà accesso a questa pagina. Chiedi al titolare se ti serve.";
    back_to_dashboard: "Retour au tableau de bord", "Back to the dashboard", "Torna alla dashboard";
    not_found_title: "Page introuvable", "Page not found", "Pagina non trovata";
    not_found_body: "Cette adresse ne correspond à aucune page.", "This address matches no page.", "Questo indirizzo non corrisponde a nessuna pagina.";

    err_network: "Impossible de joindre Brigade. Vérifiez votre connexion et réessayez.", "Cannot reach Brigade. Check your connection and try again.", "Impossibile raggiungere Brigade. Controlla la connessione e riprova.";
    err_unexpected: "Réponse inattendue du serveur. Réessayez.", "Unexpected answer from the server. Try again.", "Risposta inattesa dal server. Riprova.";
    err_validation_failed: "Certains champs sont à corriger.", "Some fields need fixing.", "Alcuni campi vanno corretti.";
    err_bad_request: "La demande n'a pas pu être comprise. Rechargez la page.", "The request could not be understood. Reload the page.", "La richiesta non è stata compresa. Ricarica la pagina.";
    err_unauthenticated: "Votre session a pris fin. Reconnectez-vous.", "Your session has ended. Log in again.", "La sessione è terminata. Accedi di nuovo.";
    err_invalid_credentials: "E-mail ou mot de passe incorrect.", "Wrong email or password.", "Email o password errata.";
    err_permission_denied: "Vous n'avez pas le droit de faire cela.", "You are not allowed to do this.", "Non hai il permesso di farlo.";
    err_not_a_member: "Ce compte n'est plus membre actif de ce restaurant.", "This account is no longer an active member of this restaurant.", "Questo account non è più un membro attivo di questo ristorante.";
    err_not_found: "Introuvable : l'élément a peut-être été supprimé.", "Not found: it may have been removed.", "Non trovato: potrebbe essere stato rimosso.";
    load_failed_title: "Impossible de charger cette page", "This page could not be loaded", "Impossibile caricare questa pagina";
    fe_role_name_taken: "Un autre rôle de ce restaurant porte déjà ce nom.", "Another role of this restaurant already has this name.", "Un altro ruolo di questo ristorante ha già questo nome.";
    fe_reserved_role_name: "C'est le nom d'un rôle système, en français, en anglais ou en italien (Propriétaire, Chef, Cameriere…) : choisissez un autre nom.", "This is the name of a system role in French, English or Italian (Owner, Cuisinier, Cameriere…): choose another name.", "È il nome di un ruolo di sistema in francese, inglese o italiano (Proprietario, Chef, Cuisinier…): scegli un altro nome.";
    fe_member_email_taken: "Cette personne a déjà un compte Brigade : elle doit être invitée plutôt que créée.", "This person already has a Brigade account: they should be invited rather than created.", "Questa persona ha già un account Brigade: va invitata invece che creata.";
    fe_already_member: "Cette personne fait déjà partie de l'équipe.", "This person is already on the team.", "Questa persona fa già parte del team.";
    label_sep: " : ", ": ", ": ";
    err_email_taken: "Un compte utilise déjà cet e-mail. Connectez-vous plutôt.", "An account already uses this email. Log in instead.", "Esiste già un account con questa email. Accedi.";
    err_too_many_attempts: "Trop de tentatives. Réessayez dans {minutes} min.", "Too many attempts. Try again in {minutes} min.", "Troppi tentativi. Riprova tra {minutes} min.";
    err_internal: "Une erreur inattendue s'est produite de notre côté. Réessayez.", "Something went wrong on our side. Try again.", "Si è verificato un errore dalla nostra parte. Riprova.";
    err_unavailable: "Brigade est momentanément indisponible. Réessayez dans un instant.", "Brigade is briefly unavailable. Try again in a moment.", "Brigade è momentaneamente non disponibile. Riprova tra poco.";

    fe_required: "Ce champ est requis.", "This field is required.", "Campo obbligatorio.";
    fe_too_short: "Au moins {n} caractères.", "At least {n} characters.", "Almeno {n} caratteri.";
    fe_too_long: "Au plus {n} caractères.", "At most {n} characters.", "Al massimo {n} caratteri.";
    fe_invalid_email: "Cette adresse e-mail n'est pas valide.", "This is not a valid email address.", "Questo indirizzo email non è valido.";
    fe_common_password: "Ce mot de passe est trop courant : choisissez-en un autre.", "This password is too common: choose another.", "Questa password è troppo comune: scegline un'altra.";
    fe_out_of_range: "Entre {min} et {max}.", "Between {min} and {max}.", "Tra {min} e {max}.";
    fe_invalid_characters: "Contient des caractères non autorisés.", "Contains characters that are not allowed.", "Contiene caratteri non consentiti.";
    fe_unchanged: "Le nouveau mot de passe doit différer de l'actuel.", "The new password must differ from the current one.", "La nuova password deve essere diversa da quella attuale.";
    fe_incorrect: "Le mot de passe actuel est incorrect.", "The current password is wrong.", "La password attuale è errata.";
    fe_number: "Entrez un nombre entier.", "Enter a whole number.", "Inserisci un numero intero.";

    roles: "Rôles", "Roles", "Ruoli";
    roles_card: "Les rôles de l'équipe et ce qu'ils permettent.", "The team's roles and what they allow.", "I ruoli del team e cosa consentono.";
    system_roles: "Rôles du système", "System roles", "Ruoli di sistema";
    custom_roles: "Rôles personnalisés", "Custom roles", "Ruoli personalizzati";
    no_custom_roles: "Aucun rôle personnalisé pour l'instant.", "No custom roles yet.", "Ancora nessun ruolo personalizzato.";
    new_role: "Nouveau rôle", "New role", "Nuovo ruolo";
    edit_role: "Modifier le rôle", "Edit the role", "Modifica il ruolo";
    delete: "Supprimer", "Delete", "Elimina";
    cancel: "Annuler", "Cancel", "Annulla";
    color: "Couleur", "Colour", "Colore";
    template: "Partir de", "Start from", "Parti da";
    template_none: "Aucun droit", "No permissions", "Nessun permesso";
    template_employee: "Employé", "Employee", "Dipendente";
    permissions: "Droits", "Permissions", "Permessi";
    all_of: "Tout : {module}", "All: {module}", "Tutto: {module}";
    not_yours: "Vous n'avez pas ce droit : vous ne pouvez pas l'accorder.", "You do not hold this permission, so you cannot grant it.", "Non hai questo permesso, quindi non puoi concederlo.";
    role_saved: "Rôle enregistré.", "Role saved.", "Ruolo salvato.";
    role_deleted: "Rôle supprimé.", "Role deleted.", "Ruolo eliminato.";
    delete_role_confirm: "Supprimer le rôle « {name} » ?", "Delete the role “{name}”?", "Eliminare il ruolo «{name}»?";
    move_members_to: "Son membre passe au rôle :|Ses {n} membres passent au rôle :", "Its member moves to:|Its {n} members move to:", "Il suo membro passa al ruolo:|I suoi {n} membri passano al ruolo:";
    every_permission_always: "Tous les droits, toujours", "Every permission, always", "Tutti i permessi, sempre";
    matrix: "Matrice des droits", "Permission matrix", "Matrice dei permessi";
    matrix_lead: "Activez ou désactivez les droits de chaque rôle dans ce restaurant. Seul ce qui diffère des valeurs par défaut est enregistré.", "Switch each role's permissions on or off in this restaurant. Only what differs from the defaults is stored.", "Attiva o disattiva i permessi di ogni ruolo in questo ristorante. Si salva solo ciò che differisce dai valori predefiniti.";
    restore_defaults: "Rétablir les valeurs par défaut", "Restore defaults", "Ripristina i predefiniti";
    partial_explained: "Partiel : {on} sur {of} — {codes}", "Partial: {on} of {of} on — {codes}", "Parziale: {on} su {of} — {codes}";
    also_changed: "« {group} » pour {role} a aussi changé {others} : ces groupes partagent des droits.", "Turning “{group}” for {role} also changed {others}: these groups share permissions.", "«{group}» per {role} ha cambiato anche {others}: questi gruppi condividono dei permessi.";
    also_in: "aussi dans : {groups}", "also in: {groups}", "anche in: {groups}";
    changes: "{n} droit modifié|{n} droits modifiés", "{n} permission changed|{n} permissions changed", "{n} permesso modificato|{n} permessi modificati";
    group_covers: "{group} — couvre : {modules}", "{group} — covers: {modules}", "{group} — comprende: {modules}";
    custom_roles_elsewhere: "Les rôles personnalisés ({n}) se modifient sur la page|Les rôles personnalisés ({n}) se modifient sur la page", "Custom roles ({n}) are edited on the page|Custom roles ({n}) are edited on the page", "I ruoli personalizzati ({n}) si modificano nella pagina|I ruoli personalizzati ({n}) si modificano nella pagina";
    not_granted: "Non accordé", "Not granted", "Non concesso";
    filter_not_granted: "Non accordés", "Not granted", "Non concessi";
    without_it: "Sans ce réglage : {reason}", "Without it: {reason}", "Senza: {reason}";
    matrix_saved: "Droits des rôles enregistrés.", "Role permissions saved.", "Permessi dei ruoli salvati.";
    unsaved_changes: "Modifications non enregistrées", "Unsaved changes", "Modifiche non salvate";
    no_unsaved_changes: "Aucune modification en attente.", "No unsaved changes.", "Nessuna modifica in sospeso.";
    discard: "Annuler les modifications", "Discard", "Scarta";
    discard_changes: "Fermer sans enregistrer les modifications ?", "Close without saving the changes?", "Chiudere senza salvare le modifiche?";
    leave_unsaved: "Des modifications ne sont pas enregistrées. Quitter la page sans les enregistrer ?", "Some changes are not saved. Leave the page without saving them?", "Alcune modifiche non sono salvate. Lasciare la pagina senza salvarle?";
    leave_anyway: "Quitter sans enregistrer", "Leave without saving", "Esci senza salvare";
    stay: "Rester sur la page", "Stay on the page", "Resta sulla pagina";
    dismiss: "Fermer la notification", "Dismiss", "Chiudi la notifica";
    customised: "modifié", "customised", "personalizzato";
    filter_all: "Tous les droits", "All permissions", "Tutti i permessi";
    filter_granted: "Accordés", "Granted", "Concessi";
    filter_denied: "Refusés", "Denied", "Negati";
    filter_overrides: "Réglages personnels seulement", "Personal settings only", "Solo impostazioni personali";
    search_permissions: "Chercher un droit", "Find a permission", "Cerca un permesso";
    show: "Afficher", "Show", "Mostra";
    technical_names: "Noms techniques", "Technical names", "Nomi tecnici";
    no_permission_matches: "Aucun droit ne correspond.", "No permission matches.", "Nessun permesso corrisponde.";
    granted_of: "{n} sur {of} accordés", "{n} of {of} granted", "{n} su {of} concessi";
    personal_lead_read_only: "Ce que cette personne peut faire, et pourquoi.", "What this person can do, and why.", "Cosa può fare questa persona, e perché.";
    permissions_saved: "Droits de la personne enregistrés.", "The person's permissions are saved.", "Permessi della persona salvati.";
    member_not_found: "Ce membre n'existe pas", "This member does not exist", "Questo membro non esiste";
    member_deactivated: "Membre désactivé.", "Member deactivated.", "Membro disattivato.";
    member_reactivated: "Membre réactivé.", "Member reactivated.", "Membro riattivato.";
    member_removed: "Membre retiré de l'équipe.", "Member removed from the team.", "Membro rimosso dal team.";
    ownership_transferred: "Propriété transférée.", "Ownership transferred.", "Proprietà trasferita.";
    role_created: "Rôle créé.", "Role created.", "Ruolo creato.";
    saved: "Enregistré.", "Saved.", "Salvato.";
    group_details: "Détail de « {group} »", "Details of “{group}”", "Dettagli di «{group}»";
    close: "Fermer", "Close", "Chiudi";
    establishment: "Établissement", "Establishment", "Locale";
    establishment_card: "Nom, adresse, langue, fuseau horaire, devise et horaires", "Name, address, language, time zone, currency and hours", "Nome, indirizzo, lingua, fuso orario, valuta e orari";
    establishment_lead: "Ce que le reste de Brigade utilise : l'heure locale, la devise des montants, la langue des clients.", "What the rest of Brigade relies on: local time, the currency of every amount, the guests' language.", "Ciò su cui si basa il resto di Brigade: l'ora locale, la valuta degli importi, la lingua dei clienti.";
    address: "Adresse", "Address", "Indirizzo";
    guest_language: "Langue des clients (pages QR, reçus, e-mails)", "Guests' language (QR pages, receipts, emails)", "Lingua dei clienti (pagine QR, scontrini, e-mail)";
    time_zone: "Fuseau horaire", "Time zone", "Fuso orario";
    currency: "Devise", "Currency", "Valuta";
    currency_hint: "Tous les montants sont comptés dans cette devise.", "Every amount is counted in this currency.", "Tutti gli importi sono in questa valuta.";
    settings_saved: "Établissement enregistré.", "Establishment saved.", "Locale salvato.";
    service_grid: "Plan de service", "Service grid", "Piano di servizio";
    service_grid_lead: "Qui sert quelles salles et quelles tables, service par service.", "Who serves which zones and tables, service by service.", "Chi serve quali sale e quali tavoli, servizio per servizio.";
    service_grid_card: "Répartir l'équipe entre les salles et les tables pour chaque service.", "Share the team out between zones and tables for each service.", "Distribuire la squadra tra sale e tavoli per ogni servizio.";
    service_day: "Jour", "Day", "Giorno";
    service_choice: "Service", "Service", "Servizio";
    service_hours: "{opens} – {closes}", "{opens} – {closes}", "{opens} – {closes}";
    closed_day: "Le restaurant est fermé ce jour-là : ses services viennent de ses horaires d'ouverture.", "The restaurant is closed on this day: its services come from its opening hours.", "Il ristorante è chiuso quel giorno: i servizi vengono dagli orari di apertura.";
    no_staff_to_place: "Aucun membre actif à placer : ajoutez d'abord votre équipe.", "No active member to place: add your team first.", "Nessun membro attivo da assegnare: aggiungi prima la squadra.";
    zones_by_member: "Zones", "Zones", "Zone";
    member: "Membre", "Member", "Membro";
    serves_zone: "{member} sert {zone}", "{member} serves {zone}", "{member} serve {zone}";
    tables_by_member: "Tables attribuées", "Tables given to one person", "Tavoli assegnati";
    tables_by_member_hint: "Une table peut être confiée à une personne en particulier ; sinon, elle revient à ceux qui servent sa salle.", "A table can be given to one person; otherwise it belongs to those serving its zone.", "Un tavolo può essere affidato a una persona; altrimenti spetta a chi serve la sua sala.";
    zone_waiters: "Ceux de la salle", "Whoever serves the zone", "Chi serve la sala";
    unsaved: "non enregistré", "not saved", "non salvato";
    save_service: "Enregistrer le service", "Save the service", "Salva il servizio";
    service_saved: "Service enregistré.", "Service saved.", "Servizio salvato.";
    fe_unknown_member: "Cette personne n'est plus un membre actif.", "This person is no longer an active member.", "Questa persona non è più un membro attivo.";
    fe_unknown_zone: "Cette salle n'existe plus.", "This zone no longer exists.", "Questa sala non esiste più.";
    fe_unknown_table: "Cette table n'existe plus ou n'est plus en service.", "This table no longer exists or is out of service.", "Questo tavolo non esiste più o non è in servizio.";
    fe_one_place: "Choisissez une salle ou une table, pas les deux.", "Choose a zone or a table, not both.", "Scegli una sala o un tavolo, non entrambi.";
    fe_not_a_service: "Le restaurant n'ouvre pas à cette heure ce jour-là.", "The restaurant does not open at this time on this day.", "Il ristorante non apre a quest'ora quel giorno.";
    fe_same_time: "Une plage ferme à une autre heure que son ouverture (00:00–00:00 : toute la journée).", "A range closes at another time than it opens (00:00–00:00 is the whole day).", "Una fascia chiude a un'ora diversa dall'apertura (00:00–00:00: tutto il giorno).";
    fe_changed: "Une personne, une salle ou une table a changé entre-temps : rechargez la page.", "A person, zone or table changed meanwhile: reload the page.", "Una persona, una sala o un tavolo è cambiato nel frattempo: ricarica la pagina.";
    fe_invalid_date: "Donnez une date valide.", "Give a valid date.", "Indica una data valida.";
    branding_lead: "Le logo et la couleur principale apparaissent sur les pages que vos clients ouvrent depuis le QR code de leur table.", "The logo and main colour appear on the pages your guests open from their table's QR code.", "Il logo e il colore principale compaiono sulle pagine che i clienti aprono dal QR code del tavolo.";
    logo: "Logo", "Logo", "Logo";
    logo_alt: "Le logo du restaurant", "The restaurant's logo", "Il logo del ristorante";
    no_logo: "Pas encore de logo.", "No logo yet.", "Ancora nessun logo.";
    choose_logo: "Choisir un logo", "Choose a logo", "Scegli un logo";
    replace_logo: "Remplacer le logo", "Replace the logo", "Sostituisci il logo";
    logo_hint: "PNG, JPEG ou WebP, 512 Ko et 4096 pixels de côté au plus.", "PNG, JPEG or WebP, at most 512 KB and 4096 pixels a side.", "PNG, JPEG o WebP, al massimo 512 KB e 4096 pixel per lato.";
    remove_logo: "Retirer le logo", "Remove the logo", "Rimuovi il logo";
    remove_logo_question: "Retirer le logo des pages de vos clients ?", "Remove the logo from your guests' pages?", "Rimuovere il logo dalle pagine dei clienti?";
    logo_saved: "Logo enregistré.", "Logo saved.", "Logo salvato.";
    logo_removed: "Logo retiré.", "Logo removed.", "Logo rimosso.";
    brand_color: "Couleur principale", "Main colour", "Colore principale";
    no_brand_color: "Aucune couleur choisie : les pages de vos clients gardent leur aspect standard.", "No colour chosen: your guests' pages keep their standard look.", "Nessun colore scelto: le pagine dei clienti mantengono l'aspetto standard.";
    brand_color_hint: "Bordure et accents des pages de vos clients.", "The border and accents of your guests' pages.", "Bordo e accenti delle pagine dei clienti.";
    save_color: "Enregistrer la couleur", "Save the colour", "Salva il colore";
    clear_color: "Revenir à l'aspect standard", "Back to the standard look", "Torna all'aspetto standard";
    color_saved: "Couleur enregistrée.", "Colour saved.", "Colore salvato.";
    color_cleared: "Aspect standard rétabli.", "Standard look restored.", "Aspetto standard ripristinato.";
    fe_image_type: "Choisissez une image PNG, JPEG ou WebP.", "Choose a PNG, JPEG or WebP image.", "Scegli un'immagine PNG, JPEG o WebP.";
    fe_image_too_large: "Cette image dépasse 512 Ko : choisissez-en une plus légère.", "This image is over 512 KB: choose a lighter one.", "Questa immagine supera 512 KB: scegline una più leggera.";
    fe_invalid_image: "Ce fichier n'est pas une image JPEG, PNG ou WebP lisible, ou elle est trop grande.", "This file is not a readable JPEG, PNG or WebP image, or it is too large.", "Questo file non è un'immagine JPEG, PNG o WebP leggibile, o è troppo grande.";
    opening_hours: "Horaires d'ouverture", "Opening hours", "Orari di apertura";
    opening_hours_hint: "Plusieurs plages par jour ; une plage qui ferme avant d'ouvrir finit le lendemain (19:00–02:00).", "Several ranges a day; a range that closes before it opens ends the next day (19:00–02:00).", "Più fasce al giorno; una fascia che chiude prima di aprire finisce il giorno dopo (19:00–02:00).";
    hours_saved: "Horaires enregistrés.", "Opening hours saved.", "Orari salvati.";
    monday: "Lundi", "Monday", "Lunedì";
    tuesday: "Mardi", "Tuesday", "Martedì";
    wednesday: "Mercredi", "Wednesday", "Mercoledì";
    thursday: "Jeudi", "Thursday", "Giovedì";
    friday: "Vendredi", "Friday", "Venerdì";
    saturday: "Samedi", "Saturday", "Sabato";
    sunday: "Dimanche", "Sunday", "Domenica";
    opens: "Ouvre à", "Opens at", "Apre alle";
    closes: "Ferme à", "Closes at", "Chiude alle";
    closed: "Fermé", "Closed", "Chiuso";
    add_range: "Ajouter une plage", "Add a range", "Aggiungi una fascia";
    remove_range: "Retirer", "Remove", "Rimuovi";
    next_day: "le lendemain", "next day", "giorno dopo";
    fe_invalid_time: "Une heure HH:MM, de 00:00 à 23:59.", "A time as HH:MM, 00:00 to 23:59.", "Un orario HH:MM, da 00:00 a 23:59.";
    fe_overlapping_ranges: "Cette plage en chevauche une autre.", "This range overlaps another one.", "Questa fascia si sovrappone a un'altra.";
    fe_too_many_ranges: "Au plus 4 plages par jour.", "At most 4 ranges a day.", "Al massimo 4 fasce al giorno.";
    fe_unknown_time_zone: "Choisissez un fuseau horaire de la liste.", "Choose a time zone from the list.", "Scegli un fuso orario dall'elenco.";
    fe_unknown_currency: "Choisissez une devise de la liste.", "Choose a currency from the list.", "Scegli una valuta dall'elenco.";
    fe_invalid_language: "Choisissez le français, l'anglais ou l'italien.", "Choose French, English or Italian.", "Scegli francese, inglese o italiano.";
    onboarding: "Mise en route", "Getting started", "Primi passi";
    onboarding_card: "Les cinq étapes pour ouvrir Brigade à votre équipe", "The five steps to open Brigade to your team", "I cinque passi per aprire Brigade al tuo team";
    onboarding_lead: "Cinq étapes ; vous pouvez partir et reprendre où vous en étiez.", "Five steps; you can leave and resume where you stopped.", "Cinque passi; puoi uscire e riprendere da dove eri rimasto.";
    step_tables: "Vos tables", "Your tables", "I tuoi tavoli";
    step_branding: "Image de marque", "Branding", "Immagine";
    step_menu: "Menu", "Menu", "Menù";
    step_launch: "Lancement", "Launch", "Lancio";
    step_done: "(fait)", "(done)", "(fatto)";
    next_step: "Continuer", "Continue", "Continua";
    skip_step: "Passer cette étape", "Skip this step", "Salta questo passo";
    launch: "Lancer Brigade", "Launch Brigade", "Avvia Brigade";
    launched: "Brigade est lancé.", "Brigade is launched.", "Brigade è avviato.";
    active_tables: "Tables en service", "Tables in use", "Tavoli in servizio";
    print_qr_sheet: "Imprimer les QR codes", "Print the QR codes", "Stampa i QR code";
    floor_so_far: "Votre salle pour l'instant :", "Your floor so far:", "La tua sala per ora:";
    tables_mode: "Comment configurer vos tables ?", "How do you want to set up your tables?", "Come vuoi configurare i tavoli?";
    mode_complete: "Configuration complète", "Complete configuration", "Configurazione completa";
    mode_complete_lead: "Zones, tables nommées et places, sur la page des tables.", "Zones, named tables and seats, on the tables page.", "Zone, tavoli con nome e posti, nella pagina dei tavoli.";
    mode_minimum: "Minimum viable", "Minimum viable", "Minimo indispensabile";
    mode_minimum_lead: "Des zones et un nombre de tables chacune, numérotées pour vous.", "Zones and a number of tables each, numbered for you.", "Zone e un numero di tavoli ciascuna, numerati per te.";
    mode_later: "Configurer plus tard", "Configure later", "Configura più tardi";
    mode_later_lead: "Une seule zone « Salle principale » avec vos tables.", "A single zone “Salle principale” with your tables.", "Una sola zona «Salle principale» con i tuoi tavoli.";
    mode_later_detail: "Brigade crée la zone « Salle principale » (SAL) avec le nombre de tables donné à l'inscription : SAL-1, SAL-2… Vous pourrez tout changer ensuite.", "Brigade creates the zone “Salle principale” (SAL) with the number of tables given at sign-up: SAL-1, SAL-2… You can change everything later.", "Brigade crea la zona «Salle principale» (SAL) con il numero di tavoli indicato all'iscrizione: SAL-1, SAL-2… Potrai cambiare tutto dopo.";
    open_tables_page: "Ouvrir la page des tables", "Open the tables page", "Apri la pagina dei tavoli";
    add_a_zone_first: "Ajoutez au moins une zone sur la page des tables pour continuer.", "Add at least one zone on the tables page to continue.", "Aggiungi almeno una zona nella pagina dei tavoli per continuare.";
    create_and_continue: "Créer et continuer", "Create and continue", "Crea e continua";
    tables_title: "Tables", "Tables", "Tavoli";
    tables_card: "Zones, tables et leur numérotation", "Zones, tables and their numbers", "Zone, tavoli e numerazione";
    tables_lead: "Chaque numéro de table est définitif : vos QR codes imprimés restent valables.", "Each table number is for good: your printed QR codes stay valid.", "Ogni numero di tavolo è definitivo: i QR code stampati restano validi.";
    zones_title: "Zones", "Zones", "Zone";
    add_zone: "Ajouter une zone", "Add a zone", "Aggiungi una zona";
    zone_name: "Nom de la zone", "Zone name", "Nome della zona";
    prefix: "Préfixe", "Prefix", "Prefisso";
    prefix_hint: "Les numéros des tables commencent par lui : INT-1, INT-2…", "Table numbers start with it: INT-1, INT-2…", "I numeri dei tavoli iniziano con esso: INT-1, INT-2…";
    table_count_label: "Nombre de tables", "Number of tables", "Numero di tavoli";
    seats: "Places", "Seats", "Posti";
    seats_per_table: "Places par table", "Seats per table", "Posti per tavolo";
    create_zone: "Créer la zone", "Create the zone", "Crea la zona";
    no_zones: "Aucune zone pour l'instant. Ajoutez-en une pour y placer vos tables.", "No zones yet. Add one to place your tables in it.", "Nessuna zona per ora. Aggiungine una per i tuoi tavoli.";
    no_tables: "Cette zone n'a pas encore de table.", "This zone has no tables yet.", "Questa zona non ha ancora tavoli.";
    move_up: "Monter {name}", "Move {name} up", "Sposta su {name}";
    move_down: "Descendre {name}", "Move {name} down", "Sposta giù {name}";
    reorder_hint: "Glissez-déposez les zones, ou Alt + flèches, pour changer leur ordre.", "Drag and drop the zones, or press Alt + arrows, to change their order.", "Trascina le zone, o premi Alt + frecce, per cambiarne l'ordine.";
    rename: "Renommer", "Rename", "Rinomina";
    delete_zone_question: "Supprimer la zone « {name} » et ses tables ({tables}) ? Leurs QR codes imprimés ne mèneront plus nulle part.", "Delete the zone “{name}” and its tables ({tables})? Their printed QR codes will lead nowhere.", "Eliminare la zona «{name}» e i suoi tavoli ({tables})? I loro QR code stampati non porteranno più da nessuna parte.";
    add_tables: "Ajouter des tables", "Add tables", "Aggiungi tavoli";
    how_many: "Combien ?", "How many?", "Quanti?";
    display_name: "Nom affiché", "Display name", "Nome visualizzato";
    in_use: "En service", "In use", "In servizio";
    delete_table_question: "Supprimer la table « {name} » ? Son numéro ne sera jamais réutilisé.", "Delete table “{name}”? Its number will never be used again.", "Eliminare il tavolo «{name}»? Il suo numero non sarà mai riutilizzato.";
    zone_created: "Zone créée", "Zone created", "Zona creata";
    zone_saved: "Zone enregistrée", "Zone saved", "Zona salvata";
    zone_deleted: "Zone supprimée", "Zone deleted", "Zona eliminata";
    zones_reordered: "Ordre des zones enregistré", "Order of the zones saved", "Ordine delle zone salvato";
    tables_added: "Tables ajoutées", "Tables added", "Tavoli aggiunti";
    table_saved: "Table enregistrée", "Table saved", "Tavolo salvato";
    table_deleted: "Table supprimée", "Table deleted", "Tavolo eliminato";
    tables_in_zone: "{n} table|{n} tables", "{n} table|{n} tables", "{n} tavolo|{n} tavoli";
    qr_codes: "QR codes", "QR codes", "Codici QR";
    qr_lead: "Une feuille à imprimer : un code par table en service.", "A sheet to print: one code per table in use.", "Un foglio da stampare: un codice per tavolo in servizio.";
    print: "Imprimer", "Print", "Stampa";
    reprint: "Nouveau code", "New code", "Nuovo codice";
    reprint_question: "Créer un nouveau code pour « {name} » ? L'ancien code imprimé cessera de fonctionner.", "Create a new code for “{name}”? The old printed code will stop working.", "Creare un nuovo codice per «{name}»? Il vecchio codice stampato smetterà di funzionare.";
    code_rotated: "Nouveau code créé : imprimez-le", "New code created: print it", "Nuovo codice creato: stampatelo";
    no_codes: "Aucune table en service : ajoutez des tables pour obtenir leurs codes.", "No tables in use: add tables to get their codes.", "Nessun tavolo in servizio: aggiungi tavoli per ottenerne i codici.";
    pick_zone: "Zone", "Zone", "Zona";
    pick_table: "Table", "Table", "Tavolo";
    pick_none: "Choisir…", "Choose…", "Scegli…";
    find_table: "Trouver une table", "Find a table", "Trova un tavolo";
    download_svg: "Télécharger", "Download", "Scarica";
    qr_of: "QR code de {name}", "QR code of {name}", "Codice QR di {name}";
    err_floor_not_empty: "Votre salle a déjà des zones : ajoutez-y des tables.", "Your floor already has zones: add tables to them.", "La sala ha già delle zone: aggiungi loro dei tavoli.";
    err_onboarding_incomplete: "Terminez d'abord les étapes Établissement et Vos tables.", "Finish the Establishment and Your tables steps first.", "Completa prima i passaggi Locale e I tuoi tavoli.";
    err_floor_full: "Le plan de salle a atteint sa taille maximale (100 zones, 2 000 tables).", "The floor has reached its largest size (100 zones, 2,000 tables).", "La sala ha raggiunto la dimensione massima (100 zone, 2.000 tavoli).";
    err_prefix_taken: "Une autre zone utilise ce préfixe.", "Another zone uses this prefix.", "Un'altra zona usa questo prefisso.";
    fe_invalid_prefix: "De 1 à 6 lettres et chiffres, en commençant par une lettre.", "1 to 6 letters and digits, starting with a letter.", "Da 1 a 6 lettere e cifre, iniziando con una lettera.";
    fe_not_every_zone: "Les zones ont changé entre-temps ; rechargez la page.", "The zones changed in the meantime; reload the page.", "Le zone sono cambiate nel frattempo; ricaricate la pagina.";
    all_roles: "Tous les rôles", "All roles", "Tutti i ruoli";
    all_statuses: "Tous les statuts", "All statuses", "Tutti gli stati";
    add_member: "Ajouter un membre", "Add a member", "Aggiungi un membro";
    temporary_password: "Mot de passe provisoire", "Temporary password", "Password provvisoria";
    temporary_password_hint: "La personne le remplacera à sa première connexion.", "They will replace it when they first log in.", "La sostituirà al primo accesso.";
    primary_role: "Rôle principal", "Primary role", "Ruolo principale";
    extra_roles: "Rôles supplémentaires", "Additional roles", "Ruoli aggiuntivi";
    member_added: "Membre ajouté.", "Member added.", "Membro aggiunto.";
    member_saved: "Membre enregistré.", "Member saved.", "Membro salvato.";
    member_name_hint: "Le nom sous lequel cette personne apparaît dans ce restaurant ; son propre nom et ses autres restaurants ne changent pas.", "The name this person goes by in this restaurant; their own name and their other restaurants stay as they are.", "Il nome con cui questa persona appare in questo ristorante; il suo nome e gli altri ristoranti restano invariati.";
    extra_system_roles_note: "Rôles système détenus en plus du rôle principal : décochez pour en retirer un.", "System roles held on top of the primary role: untick to take one away.", "Ruoli di sistema detenuti oltre al ruolo principale: togli la spunta per rimuoverne uno.";
    email_unverified: "Adresse non confirmée", "Not confirmed yet", "Indirizzo non confermato";
    email_unverified_hint: "Cette personne n'a pas encore prouvé recevoir les e-mails à cette adresse ; son compte ne peut rejoindre aucun autre restaurant d'ici là.", "This person has not yet proved they receive mail at this address; until then their account cannot join any other restaurant.", "Questa persona non ha ancora dimostrato di ricevere la posta a questo indirizzo; fino ad allora il suo account non può unirsi a nessun altro ristorante.";
    session_ended: "Votre session a pris fin (déconnexion ailleurs, accès modifié ou expiré). Connectez-vous à nouveau.", "Your session has ended (signed out elsewhere, access changed or expired). Log in again.", "La sessione è terminata (disconnessione altrove, accesso modificato o scaduto). Accedi di nuovo.";
    deactivate: "Désactiver", "Deactivate", "Disattiva";
    reactivate: "Réactiver", "Reactivate", "Riattiva";
    remove_from_team: "Retirer de l'équipe", "Remove from the team", "Rimuovi dal team";
    confirm_deactivate: "Désactiver {name} ? Ses sessions prennent fin immédiatement.", "Deactivate {name}? Their sessions end at once.", "Disattivare {name}? Le sue sessioni terminano subito.";
    confirm_remove: "Retirer {name} de l'équipe ? Son compte est conservé.", "Remove {name} from the team? Their account is kept.", "Rimuovere {name} dal team? Il suo account resta.";
    transfer_ownership: "Transférer la propriété", "Transfer ownership", "Trasferisci la proprietà";
    confirm_transfer: "Faire de {name} le propriétaire ? Vous deviendrez administrateur.", "Make {name} the owner? You will become an admin.", "Rendere {name} titolare? Diventerai amministratore.";
    owner_protected_note: "Le propriétaire ne peut être ni retiré, ni désactivé, ni rétrogradé.", "The owner cannot be removed, deactivated or demoted.", "Il titolare non può essere rimosso, disattivato o retrocesso.";
    personal_permissions: "Droits de cette personne", "This person's permissions", "Permessi di questa persona";
    personal_lead: "Pour chaque droit : hériter des rôles, ou l'accorder ou le refuser à cette personne seulement.", "For each permission: inherit it from the roles, or grant or deny it to this person only.", "Per ogni permesso: ereditalo dai ruoli, oppure concedilo o negalo solo a questa persona.";
    for_this_person: "Pour cette personne", "For this person", "Per questa persona";
    inherit: "Hériter", "Inherit", "Eredita";
    grant: "Accorder", "Grant", "Concedi";
    deny: "Refuser", "Deny", "Nega";
    granted: "Accordé", "Granted", "Concesso";
    denied: "Refusé", "Denied", "Negato";
    why: "Pourquoi", "Why", "Perché";
    decided_owner: "Propriétaire : a tous les droits", "Owner: has every permission", "Titolare: ha tutti i permessi";
    decided_personal: "Réglage personnel", "Personal setting", "Impostazione personale";
    decided_restaurant_role: "Du rôle {role}, tel que modifié dans ce restaurant", "From the role {role}, as changed in this restaurant", "Dal ruolo {role}, come modificato in questo ristorante";
    decided_role: "Du rôle {role}", "From the role {role}", "Dal ruolo {role}";
    decided_no_role: "Aucun rôle ne le donne", "No role gives it", "Nessun ruolo lo dà";
    save_overrides: "Enregistrer les droits", "Save the permissions", "Salva i permessi";
    back_to_team: "Retour à l'équipe", "Back to the team", "Torna al team";
    set_password_title: "Choisissez votre mot de passe", "Choose your password", "Scegli la tua password";
    set_password_lead: "Votre compte a un mot de passe provisoire, donné par votre restaurant. Choisissez le vôtre pour continuer.", "Your account has a temporary password, given by your restaurant. Choose your own to continue.", "Il tuo account ha una password provvisoria, data dal tuo ristorante. Scegline una tua per continuare.";
    err_exceeds_own_permissions: "Vous ne pouvez pas accorder des droits que vous n'avez pas.", "You cannot grant permissions you do not hold.", "Non puoi concedere permessi che non hai.";
    err_owner_only: "Seul le propriétaire peut faire cela.", "Only the owner can do this.", "Solo il titolare può farlo.";
    err_owner_protected: "Le propriétaire ne peut pas être modifié ainsi.", "The owner cannot be changed this way.", "Il titolare non può essere modificato così.";
    err_role_name_taken: "Un rôle porte déjà ce nom.", "A role already has this name.", "Esiste già un ruolo con questo nome.";
    err_role_in_use: "Des membres ont ce rôle : choisissez vers quel rôle les déplacer.", "Members hold this role: choose the role they move to.", "Alcuni membri hanno questo ruolo: scegli a quale ruolo spostarli.";
    err_password_change_required: "Choisissez d'abord votre mot de passe.", "Choose your password first.", "Scegli prima la tua password.";
    fe_not_assignable: "Ce rôle ne peut pas être attribué ainsi.", "This role cannot be given this way.", "Questo ruolo non può essere assegnato così.";
    fe_unknown_permission: "Droit inconnu.", "Unknown permission.", "Permesso sconosciuto.";
    fe_conflict: "Un droit ne peut pas être accordé et refusé à la fois.", "A permission cannot be granted and denied at once.", "Un permesso non può essere concesso e negato insieme.";
    fe_invalid_color: "Choisissez une couleur.", "Choose a colour.", "Scegli un colore.";
    fe_unknown_role: "Ce rôle n'existe pas (ou plus).", "This role does not exist (any more).", "Questo ruolo non esiste (più).";
    fe_not_an_admin: "Seul un administrateur peut devenir propriétaire.", "Only an admin can become the owner.", "Solo un amministratore può diventare titolare.";
    tab_invite: "Inviter par e-mail", "Invite by email", "Invita via email";
    tab_direct: "Création directe", "Create directly", "Creazione diretta";
    invite_hint: "La personne reçoit un lien valable 72 heures. Si elle a déjà un compte Brigade confirmé, elle rejoint l'équipe tout de suite.", "The person gets a link valid for 72 hours. If they already have a confirmed Brigade account, they join the team at once.", "La persona riceve un link valido 72 ore. Se ha già un account Brigade confermato, entra subito nel team.";
    direct_hint: "Pour une personne présente : vous choisissez un mot de passe temporaire qu'elle changera à sa première connexion.", "For someone standing next to you: you choose a temporary password they change at their first login.", "Per chi è presente: scegli una password temporanea che cambierà al primo accesso.";
    mail_language: "Langue de l'e-mail", "Email language", "Lingua dell'email";
    send_invitation: "Envoyer l'invitation", "Send the invitation", "Invia l'invito";
    sending: "Envoi…", "Sending…", "Invio…";
    invitation_sent: "Invitation envoyée", "Invitation sent", "Invito inviato";
    invitation_refreshed: "Invitation renvoyée avec un nouveau lien", "Invitation sent again with a new link", "Invito inviato di nuovo con un nuovo link";
    member_joined: "Cette personne avait déjà un compte : elle fait maintenant partie de l'équipe", "This person already had an account: they are now on the team", "Questa persona aveva già un account: ora fa parte del team";
    invitation_replaced: "Une invitation était déjà en attente pour cette adresse : elle est remplacée par celle-ci, avec un nouveau lien", "An invitation was already pending for this address: this one replaces it, with a new link", "Un invito era già in attesa per questo indirizzo: questo lo sostituisce, con un nuovo link";
    resend_to: "Renvoyer l'invitation à {email}", "Resend the invitation to {email}", "Reinvia l'invito a {email}";
    cancel_invitation_to: "Annuler l'invitation à {email}", "Cancel the invitation to {email}", "Annulla l'invito a {email}";
    accept_unproven_hint: "Un compte Brigade existe déjà pour cette adresse, créé par un restaurant, et personne n'a encore confirmé la recevoir. En acceptant, vous en prenez possession : le nom et le mot de passe choisis ici remplacent les anciens, ses autres sessions sont fermées et vous gardez ses restaurants.", "A Brigade account already exists for this address, created by a restaurant, and nobody has confirmed receiving it yet. By accepting you take it over: the name and password chosen here replace the old ones, its other sessions end, and you keep its restaurants.", "Esiste già un account Brigade per questo indirizzo, creato da un ristorante, e nessuno ha ancora confermato di riceverlo. Accettando ne prendi possesso: il nome e la password scelti qui sostituiscono i precedenti, le sue altre sessioni vengono chiuse e mantieni i suoi ristoranti.";
    accept_signed_in_as: "Vous êtes connecté·e en tant que {name}. Accepter vous connectera avec le compte invité à la place.", "You are signed in as {name}. Accepting signs you in with the invited account instead.", "Hai effettuato l'accesso come {name}. Accettando entrerai invece con l'account invitato.";
    used_if_you: "Si c'était vous, connectez-vous avec {email}.", "If it was you, log in with {email}.", "Se sei stato tu, accedi con {email}.";
    wait_a_moment: "Trop de liens ouverts depuis ce réseau en une minute. Patientez un instant, puis réessayez.", "Too many links opened from this network within a minute. Wait a moment, then try again.", "Troppi link aperti da questa rete in un minuto. Attendi un momento, poi riprova.";
    ask_new_reset_link: "Demander un nouveau lien", "Ask for a new link", "Chiedi un nuovo link";
    send_verification_again: "Renvoyer le lien", "Send the link again", "Invia di nuovo il link";
    invite_extra_permissions: "Droits en plus du rôle (facultatif)", "Permissions on top of the role (optional)", "Permessi oltre al ruolo (facoltativo)";
    invite_extra_lead: "Cochez seulement ce que cette personne aura en plus de ce que ses rôles donnent déjà ; vous pourrez tout ajuster sur sa page après son arrivée.", "Tick only what this person gets beyond what their roles already give; you can adjust everything on their page once they have joined.", "Spunta solo ciò che questa persona avrà oltre a quanto danno già i suoi ruoli; potrai regolare tutto sulla sua pagina dopo l'arrivo.";
    err_member_elsewhere: "Cette personne travaille aussi dans un autre restaurant : elle réinitialise elle-même son mot de passe avec « Mot de passe oublié ? ».", "This person also works in another restaurant: they reset their own password with “Forgot your password?”.", "Questa persona lavora anche in un altro ristorante: reimposta da sé la password con «Password dimenticata?».";
    pending_invitations: "Invitations en attente", "Pending invitations", "Inviti in attesa";
    no_invitations: "Aucune invitation en attente.", "No pending invitations.", "Nessun invito in attesa.";
    invitation_count: "{n} invitation|{n} invitations", "{n} invitation|{n} invitations", "{n} invito|{n} inviti";
    invited_by: "Invité par", "Invited by", "Invitato da";
    sent_on: "Envoyée", "Sent", "Inviato";
    expires: "Expire", "Expires", "Scade";
    status_pending: "En attente", "Pending", "In attesa";
    status_expired: "Expirée", "Expired", "Scaduto";
    resend: "Renvoyer", "Resend", "Reinvia";
    cancel_invitation: "Annuler l'invitation", "Cancel the invitation", "Annulla l'invito";
    confirm_cancel_invitation: "Annuler l'invitation à {email} ? Son lien cessera de fonctionner.", "Cancel the invitation to {email}? Its link will stop working.", "Annullare l'invito a {email}? Il suo link smetterà di funzionare.";
    keep_invitation: "Garder l'invitation", "Keep the invitation", "Mantieni l'invito";
    invitation_cancelled_toast: "Invitation annulée", "Invitation cancelled", "Invito annullato";
    invitation_resent_toast: "Nouveau lien envoyé à {email} : le précédent ne fonctionne plus", "New link sent to {email}; the previous one no longer works", "Nuovo link inviato a {email}: il precedente non funziona più";
    actions: "Actions", "Actions", "Azioni";
    accept_title: "Rejoindre l'équipe", "Join the team", "Unisciti al team";
    accept_lead: "{inviter} vous invite à rejoindre {restaurant} en tant que {role}.", "{inviter} invites you to join {restaurant} as {role}.", "{inviter} ti invita a unirti a {restaurant} come {role}.";
    accept_existing_hint: "Vous avez déjà un compte Brigade : saisissez son mot de passe pour accepter.", "You already have a Brigade account: enter its password to accept.", "Hai già un account Brigade: inserisci la sua password per accettare.";
    accept_new_hint: "Indiquez votre nom et choisissez un mot de passe pour créer votre compte.", "Enter your name and choose a password to create your account.", "Indica il tuo nome e scegli una password per creare il tuo account.";
    accept_submit: "Accepter l'invitation", "Accept the invitation", "Accetta l'invito";
    accept_pending: "Acceptation…", "Accepting…", "Accettazione…";
    link_checking: "Vérification du lien…", "Checking the link…", "Verifica del link…";
    link_expires_on: "Ce lien expire le {date}.", "This link expires on {date}.", "Questo link scade il {date}.";
    link_broken_title: "Ce lien ne fonctionne pas", "This link does not work", "Questo link non funziona";
    contact_owner: "Contacter le propriétaire", "Contact the owner", "Contatta il proprietario";
    contact_owner_of: "{owner} dirige {restaurant} : demandez-lui une nouvelle invitation.", "{owner} runs {restaurant}: ask them for a new invitation.", "{owner} gestisce {restaurant}: chiedi un nuovo invito a {owner}.";
    err_invitation_invalid: "Ce lien d'invitation n'est pas valide (il a peut-être été remplacé par un plus récent). Demandez un nouveau lien au restaurant qui vous a invité·e.", "This invitation link is not valid (a newer one may have replaced it). Ask the restaurant that invited you for a new link.", "Questo link di invito non è valido (forse ne è arrivato uno più recente). Chiedi un nuovo link al ristorante che ti ha invitato.";
    err_invitation_expired: "Cette invitation a expiré.", "This invitation has expired.", "Questo invito è scaduto.";
    err_invitation_cancelled: "Cette invitation a été annulée par le restaurant.", "The restaurant cancelled this invitation.", "Il ristorante ha annullato questo invito.";
    err_invitation_used: "Cette invitation a déjà été acceptée.", "This invitation has already been accepted.", "Questo invito è già stato accettato.";
    err_invitation_closed: "Cette invitation a déjà été acceptée ou annulée.", "This invitation was already accepted or cancelled.", "Questo invito è già stato accettato o annullato.";
    err_wrong_account: "Cette invitation est destinée à une autre adresse.", "This invitation is for another address.", "Questo invito è per un altro indirizzo.";
    err_link_invalid: "Ce lien n'est pas valide, a expiré ou a déjà servi. Demandez-en un nouveau.", "This link is not valid, has expired or was already used. Ask for a new one.", "Questo link non è valido, è scaduto o è già stato usato. Chiedine uno nuovo.";
    err_owner_cannot_leave: "Le propriétaire ne peut pas quitter le restaurant : transférez d'abord la propriété.", "The owner cannot leave the restaurant: transfer ownership first.", "Il titolare non può lasciare il ristorante: trasferisci prima la proprietà.";
    forgot_password: "Mot de passe oublié ?", "Forgot your password?", "Password dimenticata?";
    forgot_title: "Retrouver l'accès à votre compte", "Get back into your account", "Recupera l'accesso al tuo account";
    forgot_lead: "Indiquez votre e-mail : nous vous enverrons un lien pour choisir un nouveau mot de passe.", "Enter your email: we will send you a link to choose a new password.", "Inserisci la tua email: ti invieremo un link per scegliere una nuova password.";
    forgot_submit: "Envoyer le lien", "Send the link", "Invia il link";
    forgot_sent: "Si un compte existe pour {email}, un lien vient d'y être envoyé. Il est valable une heure.", "If an account exists for {email}, a link is on its way. It is valid for one hour.", "Se esiste un account per {email}, gli è appena stato inviato un link. È valido un'ora.";
    back_to_login: "Aller à la connexion", "Go to login", "Vai all'accesso";
    reset_title: "Choisir un nouveau mot de passe", "Choose a new password", "Scegli una nuova password";
    reset_lead: "Après ce changement, toutes vos sessions ouvertes seront fermées.", "After this change, all your open sessions will be ended.", "Dopo questa modifica, tutte le sessioni aperte saranno chiuse.";
    reset_submit: "Changer le mot de passe", "Change the password", "Cambia la password";
    reset_done: "Mot de passe changé. Connectez-vous avec le nouveau.", "Password changed. Log in with the new one.", "Password cambiata. Accedi con quella nuova.";
    go_to_login: "Se connecter", "Log in", "Accedi";
    verify_title: "Confirmer votre adresse e-mail", "Confirm your email address", "Conferma il tuo indirizzo email";
    verify_lead: "Pour confirmer que cette adresse est la vôtre, choisissez un nouveau mot de passe : ainsi, vous seul·e le connaissez. Vos sessions ouvertes seront fermées.", "To confirm this address is yours, choose a new password: that way only you know it. Your open sessions will be ended.", "Per confermare che questo indirizzo è tuo, scegli una nuova password: così la conosci solo tu. Le sessioni aperte saranno chiuse.";
    verify_submit: "Confirmer mon adresse", "Confirm my address", "Conferma il mio indirizzo";
    go_on: "Continuer", "Continue", "Continua";
    verify_done: "Votre adresse e-mail est confirmée. Connectez-vous avec votre nouveau mot de passe.", "Your email address is confirmed. Log in with your new password.", "Il tuo indirizzo email è confermato. Accedi con la nuova password.";
    email_confirmed: "Adresse confirmée", "Address confirmed", "Indirizzo confermato";
    email_unconfirmed_hint: "Confirmez votre adresse pour pouvoir rejoindre d'autres restaurants et récupérer votre compte.", "Confirm your address to join other restaurants and recover your account.", "Conferma il tuo indirizzo per unirti ad altri ristoranti e recuperare l'account.";
    send_verification: "Envoyer le lien de confirmation", "Send the confirmation link", "Invia il link di conferma";
    verification_sent: "Lien envoyé à {email}, valable 72 heures. Regardez votre boîte mail.", "Link sent to {email}, valid for 72 hours. Check your inbox.", "Link inviato a {email}, valido 72 ore. Controlla la tua casella.";
    your_restaurants: "Vos restaurants", "Your restaurants", "I tuoi ristoranti";
    leave: "Quitter", "Leave", "Lascia";
    confirm_leave: "Quitter {restaurant} ? Vous n'y aurez plus accès, sauf nouvelle invitation.", "Leave {restaurant}? You will lose access unless invited again.", "Lasciare {restaurant}? Perderai l'accesso, salvo un nuovo invito.";
    left_restaurant: "Vous avez quitté {restaurant}", "You left {restaurant}", "Hai lasciato {restaurant}";
    owner_stays: "Propriétaire : transférez la propriété pour partir", "Owner: transfer ownership to leave", "Proprietario: trasferisci la proprietà per andartene";
    current_restaurant: "restaurant actuel", "current restaurant", "ristorante attuale";
    reset_member_password: "Réinitialiser le mot de passe", "Reset the password", "Reimposta la password";
    confirm_reset_member_password: "Donner un nouveau mot de passe temporaire à {name} ? Ses sessions ici prennent fin et il devra le changer à sa prochaine connexion.", "Give {name} a new temporary password? Their sessions here end and they must change it at their next login.", "Dare a {name} una nuova password temporanea? Le sue sessioni qui terminano e dovrà cambiarla al prossimo accesso.";
    send_by_email: "L'envoyer par e-mail plutôt que l'afficher", "Email it instead of showing it", "Invialo via email invece di mostrarlo";
    temporary_password_once: "Nouveau mot de passe temporaire, affiché une seule fois : transmettez-le à la personne.", "New temporary password, shown only once: pass it on to the person.", "Nuova password temporanea, mostrata una sola volta: comunicala alla persona.";
    temporary_password_emailed: "Mot de passe temporaire envoyé par e-mail", "Temporary password sent by email", "Password temporanea inviata via email";
    err_proven_account: "Cette personne a confirmé son adresse : elle réinitialise elle-même son mot de passe depuis la page de connexion (« Mot de passe oublié ? »).", "This person confirmed their address: they reset their own password from the login page (“Forgot your password?”).", "Questa persona ha confermato il suo indirizzo: reimposta da sé la password dalla pagina di accesso («Password dimenticata?»).";
    fe_self: "Changez votre propre mot de passe depuis votre profil.", "Change your own password from your profile.", "Cambia la tua password dal tuo profilo.";
    fe_reused: "Cette demande a déjà servi pour une autre invitation ; réessayez.", "This request was already used for another invitation; try again.", "Questa richiesta è già stata usata per un altro invito; riprova.";

    menu_title: "Carte", "Menu", "Menù";
    menu_lead: "Catégories, produits, prix et disponibilité, dans l'ordre où vos clients les lisent.", "Categories, products, prices and availability, in the order your guests read them.", "Categorie, prodotti, prezzi e disponibilità, nell'ordine in cui li leggono i clienti.";
    menu_card: "Les catégories, les produits, leurs prix et leurs photos.", "Categories, products, their prices and pictures.", "Categorie, prodotti, prezzi e foto.";
    stock_title: "Stock", "Stock", "Scorte";
    stock_lead: "Ce qu'il reste de chaque article suivi, ses seuils et ses mouvements.", "What is left of each tracked item, its thresholds and its movements.", "Cosa resta di ogni articolo monitorato, le soglie e i movimenti.";
    stock_card: "Les quantités, les alertes de stock bas et le registre des mouvements.", "Quantities, low-stock alerts and the ledger of movements.", "Quantità, avvisi di scorte basse e registro dei movimenti.";
    categories: "Catégories", "Categories", "Categorie";
    category: "Catégorie", "Category", "Categoria";
    add_category: "Ajouter une catégorie", "Add a category", "Aggiungi una categoria";
    create_category: "Créer la catégorie", "Create the category", "Crea la categoria";
    category_name: "Nom de la catégorie", "Category name", "Nome della categoria";
    category_created: "Catégorie créée", "Category created", "Categoria creata";
    category_saved: "Catégorie enregistrée", "Category saved", "Categoria salvata";
    category_deleted: "Catégorie supprimée", "Category deleted", "Categoria eliminata";
    delete_category_question: "Supprimer la catégorie « {name} » ?", "Delete the category “{name}”?", "Eliminare la categoria «{name}»?";
    no_categories: "Aucune catégorie pour l'instant.", "No categories yet.", "Ancora nessuna categoria.";
    no_products: "Aucun produit dans cette catégorie.", "No products in this category.", "Nessun prodotto in questa categoria.";
    product_count: "{n} produit|{n} produits", "{n} product|{n} products", "{n} prodotto|{n} prodotti";
    description: "Description", "Description", "Descrizione";
    shown_on_menu: "Visible sur la carte", "Shown on the menu", "Visibile nel menù";
    add_product: "Ajouter un produit", "Add a product", "Aggiungi un prodotto";
    new_product: "Nouveau produit", "New product", "Nuovo prodotto";
    edit_product: "Modifier « {name} »", "Edit “{name}”", "Modifica «{name}»";
    create_product: "Créer le produit", "Create the product", "Crea il prodotto";
    product_created: "Produit créé", "Product created", "Prodotto creato";
    product_saved: "Produit enregistré", "Product saved", "Prodotto salvato";
    delete_product: "Supprimer le produit", "Delete the product", "Elimina il prodotto";
    hidden_from_menu: "Masqué", "Hidden", "Nascosto";
    product_deleted: "Produit supprimé", "Product deleted", "Prodotto eliminato";
    product_archived: "Produit retiré de la carte et gardé dans l'historique", "Product taken off the menu and kept in history", "Prodotto tolto dal menù e conservato nello storico";
    delete_product_question: "Supprimer « {name} » ? S'il figure dans des commandes, il est retiré de la carte et gardé dans l'historique.", "Delete “{name}”? If orders refer to it, it is taken off the menu and kept in history.", "Eliminare «{name}»? Se compare in ordini, viene tolto dal menù e conservato nello storico.";
    edit: "Modifier", "Edit", "Modifica";
    order: "Ordre", "Order", "Ordine";
    photo: "Photo", "Picture", "Foto";
    price: "Prix", "Price", "Prezzo";
    price_delta: "Supplément", "Price change", "Supplemento";
    allergens: "Allergènes", "Allergens", "Allergeni";
    dietary_tags: "Régimes", "Dietary tags", "Regimi alimentari";
    station: "Poste", "Station", "Postazione";
    tax_rate_percent: "TVA (%)", "Tax rate (%)", "IVA (%)";
    variants_and_prices: "Variantes et prix", "Variants and prices", "Varianti e prezzi";
    variants_hint: "Un seul prix suffit ; ajoutez des variantes pour les tailles (25 cl, 50 cl), chacune avec son nom.", "One price is enough; add variants for sizes (25 cl, 50 cl), each with its name.", "Basta un prezzo; aggiungi varianti per le misure (25 cl, 50 cl), ognuna con il suo nome.";
    variant_name: "Variante", "Variant", "Variante";
    add_variant: "Ajouter une variante", "Add a variant", "Aggiungi una variante";
    remove: "Retirer", "Remove", "Rimuovi";
    modifier_groups: "Options", "Modifier groups", "Opzioni";
    modifier_groups_hint: "Des choix qui accompagnent le produit (Cuisson : exactement 1 ; Suppléments : jusqu'à 3), avec leur supplément.", "Choices that go with the product (Doneness: exactly 1; Extras: up to 3), with their price change.", "Scelte che accompagnano il prodotto (Cottura: esattamente 1; Extra: fino a 3), con il loro supplemento.";
    group_name: "Nom du groupe", "Group name", "Nome del gruppo";
    min_choices: "Minimum", "Minimum", "Minimo";
    max_choices: "Maximum", "Maximum", "Massimo";
    option_name: "Option", "Option", "Opzione";
    add_option: "Ajouter une option", "Add an option", "Aggiungi un'opzione";
    add_group: "Ajouter un groupe d'options", "Add a modifier group", "Aggiungi un gruppo di opzioni";
    remove_group: "Retirer le groupe", "Remove the group", "Rimuovi il gruppo";
    choose_photo: "Choisir une photo", "Choose a picture", "Scegli una foto";
    remove_photo: "Retirer la photo", "Remove the picture", "Rimuovi la foto";
    remove_photo_question: "Retirer la photo de ce produit ?", "Remove this product's picture?", "Rimuovere la foto di questo prodotto?";
    photo_hint: "JPEG, PNG ou WebP, 5 Mo au plus.", "JPEG, PNG or WebP, 5 MB at most.", "JPEG, PNG o WebP, al massimo 5 MB.";
    photo_saved: "Photo enregistrée", "Picture saved", "Foto salvata";
    photo_removed: "Photo retirée", "Picture removed", "Foto rimossa";
    photo_of_product: "Photo du produit", "The product's picture", "Foto del prodotto";
    availability: "Disponibilité", "Availability", "Disponibilità";
    availability_of: "Disponibilité de « {name} »", "Availability of “{name}”", "Disponibilità di «{name}»";
    available: "Disponible", "Available", "Disponibile";
    unavailable: "Indisponible", "Unavailable", "Non disponibile";
    until_time: "jusqu'au {time}", "until {time}", "fino al {time}";
    unavailable_until: "Indisponible jusqu'à (facultatif)", "Unavailable until (optional)", "Non disponibile fino alle (facoltativo)";
    unavailable_until_hint: "L'heure à laquelle il redevient disponible tout seul (aujourd'hui, ou demain si elle est passée).", "The time it becomes available again by itself (today, or tomorrow if it has passed).", "L'ora in cui torna disponibile da solo (oggi, o domani se è già passata).";
    whole_product: "Tout le produit", "The whole product", "Tutto il prodotto";
    make_unavailable: "Rendre indisponible", "Make unavailable", "Rendi non disponibile";
    make_available: "Rendre disponible", "Make available", "Rendi disponibile";
    made_unavailable: "Marqué indisponible", "Marked unavailable", "Segnato non disponibile";
    made_available: "De nouveau disponible", "Available again", "Di nuovo disponibile";
    drag_hint: "Faites glisser la poignée, ou placez-vous dessus et utilisez les flèches haut et bas.", "Drag the handle, or focus it and use the up and down arrow keys.", "Trascina la maniglia, oppure selezionala e usa le frecce su e giù.";
    move_row: "Déplacer « {name} »", "Move “{name}”", "Sposta «{name}»";
    moved_to: "{name} : position {n} sur {total}", "{name}: position {n} of {total}", "{name}: posizione {n} di {total}";
    menu_reordered: "Ordre de la carte enregistré", "Order of the menu saved", "Ordine del menù salvato";
    guest_menu_settings: "Carte des clients", "The guests' menu", "Menù per i clienti";
    guest_menu_settings_lead: "Ce que montre la page de la table, ouverte depuis son QR code.", "What the table's page, opened from its QR code, shows.", "Cosa mostra la pagina del tavolo, aperta dal suo codice QR.";
    show_prices: "Afficher les prix", "Show prices", "Mostra i prezzi";
    show_unavailable: "Afficher les produits indisponibles (marqués comme tels)", "Show unavailable items (marked as such)", "Mostra i prodotti non disponibili (segnalati)";
    use_brand_color: "Utiliser la couleur de la marque", "Use the brand colour", "Usa il colore del marchio";
    prices_include_tax: "Les prix incluent la TVA", "Prices include tax", "I prezzi includono l'IVA";
    allow_negative_stock: "Permettre de vendre en dessous de zéro", "Allow selling below zero", "Consenti di vendere sotto zero";
    menu_settings_saved: "Réglages de la carte enregistrés", "Menu settings saved", "Impostazioni del menù salvate";
    stock_all: "Tous", "All", "Tutti";
    filter_stock: "Filtrer le stock", "Filter the stock", "Filtra le scorte";
    untracked: "Non suivi", "Not tracked", "Non monitorato";
    stock_ok: "En stock", "In stock", "Disponibile";
    stock_low: "Stock bas", "Low", "Scorte basse";
    stock_out: "Rupture", "Out", "Esaurito";
    no_stock_items: "Aucun article ici.", "No items here.", "Nessun articolo qui.";
    item: "Article", "Item", "Articolo";
    quantity: "Quantité", "Quantity", "Quantità";
    threshold: "Seuil", "Threshold", "Soglia";
    auto_86_short: "auto-86", "auto-86", "auto-86";
    restock: "Réapprovisionner", "Restock", "Rifornisci";
    other_movement: "Autre mouvement", "Other movement", "Altro movimento";
    tracking: "Suivi", "Tracking", "Monitoraggio";
    start_tracking: "Suivre le stock", "Track stock", "Monitora le scorte";
    stop_tracking: "Ne plus suivre", "Stop tracking", "Smetti di monitorare";
    tracking_of: "Suivi du stock de « {name} »", "Stock tracking of “{name}”", "Monitoraggio delle scorte di «{name}»";
    tracking_lead: "Un article suivi a une quantité ; à son seuil ou en dessous, l'équipe est prévenue une fois.", "A tracked item has a quantity; at its threshold or below, the team is told once.", "Un articolo monitorato ha una quantità; alla soglia o sotto, il team viene avvisato una volta.";
    low_stock_threshold: "Seuil de stock bas", "Low-stock threshold", "Soglia di scorte basse";
    auto_86: "Indisponible tout seul à zéro, disponible de nouveau au réapprovisionnement", "Unavailable by itself at zero, available again when restocked", "Non disponibile da solo a zero, di nuovo disponibile al rifornimento";
    tracking_saved: "Suivi du stock enregistré", "Stock tracking saved", "Monitoraggio delle scorte salvato";
    tracking_stopped: "Stock plus suivi", "Stock no longer tracked", "Scorte non più monitorate";
    ledger: "Historique", "History", "Storico";
    ledger_of: "Mouvements de « {name} »", "Movements of “{name}”", "Movimenti di «{name}»";
    movement_of: "Mouvement de stock : {name}", "Stock movement: {name}", "Movimento di scorte: {name}";
    movement_kind: "Mouvement", "Movement", "Movimento";
    kind_restock: "Réapprovisionnement", "Restock", "Rifornimento";
    kind_recount: "Inventaire", "Recount", "Inventario";
    kind_sale: "Vente", "Sale", "Vendita";
    kind_return: "Retour", "Return", "Reso";
    kind_waste: "Perte", "Waste", "Scarto";
    in_stock_now: "En stock : {n}", "In stock now: {n}", "In magazzino ora: {n}";
    movement_hint: "Combien sont entrés ou sortis.", "How many came in or went out.", "Quanti sono entrati o usciti.";
    recount_hint: "La quantité comptée : elle remplace la quantité actuelle.", "The quantity counted: it replaces the current one.", "La quantità contata: sostituisce quella attuale.";
    reason: "Raison", "Reason", "Motivo";
    record: "Enregistrer le mouvement", "Record the movement", "Registra il movimento";
    movement_recorded: "Mouvement enregistré", "Movement recorded", "Movimento registrato";
    no_movements: "Aucun mouvement pour l'instant.", "No movements yet.", "Ancora nessun movimento.";
    change: "Variation", "Change", "Variazione";
    quantity_after: "Après", "After", "Dopo";
    load_more: "Afficher plus", "Show more", "Mostra altri";
    first_category: "Première catégorie", "First category", "Prima categoria";
    first_products: "Quelques produits", "A few products", "Alcuni prodotti";
    product_name: "Nom du produit", "Product name", "Nome del prodotto";
    add_product_row: "Un produit de plus", "One more product", "Un altro prodotto";
    menu_step_lead: "Créez une première catégorie et quelques produits avec leur prix ; vous compléterez la carte plus tard.", "Create a first category and a few products with their price; you will complete the menu later.", "Crea una prima categoria e alcuni prodotti con il loro prezzo; completerai il menù più tardi.";
    menu_so_far: "Votre carte compte déjà {n} catégorie.|Votre carte compte déjà {n} catégories.", "Your menu already has {n} category.|Your menu already has {n} categories.", "Il tuo menù ha già {n} categoria.|Il tuo menù ha già {n} categorie.";
    menu_started: "Carte commencée", "Menu started", "Menù avviato";
    open_menu_page: "Ouvrir la carte", "Open the menu", "Apri il menù";
    err_category_not_empty: "Cette catégorie contient encore des produits : déplacez-les ou supprimez-les d'abord.", "This category still has products: move or delete them first.", "Questa categoria contiene ancora prodotti: spostali o eliminali prima.";
    err_menu_full: "La carte a atteint le nombre maximal de catégories ou de produits.", "The menu has as many categories or products as it may have.", "Il menù ha raggiunto il numero massimo di categorie o prodotti.";
    err_out_of_stock: "Pas assez de stock pour cela.", "There is not enough of this item in stock.", "Non ci sono abbastanza scorte di questo articolo.";
    err_not_tracked: "Le stock de cet article n'est pas suivi : commencez par le suivre.", "This item's stock is not tracked: start tracking it first.", "Le scorte di questo articolo non sono monitorate: inizia a monitorarle.";
    fe_invalid_amount: "Écrivez un montant comme 4,50.", "Write an amount such as 4.50.", "Scrivi un importo come 4,50.";
    fe_price_range: "Ce montant est hors des limites permises.", "This amount is outside the allowed range.", "Questo importo è fuori dai limiti consentiti.";
    fe_duplicate: "Ce nom figure deux fois.", "This name appears twice.", "Questo nome compare due volte.";
    fe_invalid_limits: "Le minimum va de 0 au maximum, le maximum de 1 au nombre d'options.", "The minimum goes from 0 to the maximum, the maximum from 1 to the number of options.", "Il minimo va da 0 al massimo, il massimo da 1 al numero di opzioni.";
    fe_unknown_value: "Valeur inconnue.", "Unknown value.", "Valore sconosciuto.";
}

impl Text {
    /// The message for an API error code.
    pub fn error(&self, code: ErrorCode) -> &'static str {
        match code {
            ErrorCode::ValidationFailed => self.err_validation_failed,
            ErrorCode::MalformedBody
            | ErrorCode::PayloadTooLarge
            | ErrorCode::UnsupportedMediaType
            | ErrorCode::InvalidParameter
            | ErrorCode::MethodNotAllowed => self.err_bad_request,
            ErrorCode::Unauthenticated | ErrorCode::InvalidRefreshToken => self.err_unauthenticated,
            ErrorCode::InvalidCredentials => self.err_invalid_credentials,
            ErrorCode::PermissionDenied => self.err_permission_denied,
            ErrorCode::NotAMember => self.err_not_a_member,
            ErrorCode::NotFound => self.err_not_found,
            ErrorCode::EmailTaken => self.err_email_taken,
            ErrorCode::AlreadyMember => self.fe_already_member,
            ErrorCode::ExceedsOwnPermissions => self.err_exceeds_own_permissions,
            ErrorCode::OwnerProtected => self.err_owner_protected,
            ErrorCode::OwnerOnly => self.err_owner_only,
            ErrorCode::PasswordChangeRequired => self.err_password_change_required,
            ErrorCode::RoleNameTaken => self.err_role_name_taken,
            ErrorCode::RoleInUse => self.err_role_in_use,
            ErrorCode::InvitationInvalid => self.err_invitation_invalid,
            ErrorCode::InvitationExpired => self.err_invitation_expired,
            ErrorCode::InvitationCancelled => self.err_invitation_cancelled,
            ErrorCode::InvitationUsed => self.err_invitation_used,
            ErrorCode::InvitationClosed => self.err_invitation_closed,
            ErrorCode::WrongAccount => self.err_wrong_account,
            ErrorCode::LinkInvalid => self.err_link_invalid,
            ErrorCode::OwnerCannotLeave => self.err_owner_cannot_leave,
            ErrorCode::PrefixTaken => self.err_prefix_taken,
            ErrorCode::FloorFull => self.err_floor_full,
            ErrorCode::UpgradeRequired => self.err_unexpected,
            ErrorCode::FloorNotEmpty => self.err_floor_not_empty,
            ErrorCode::CategoryNotEmpty => self.err_category_not_empty,
            ErrorCode::MenuFull => self.err_menu_full,
            ErrorCode::OutOfStock => self.err_out_of_stock,
            ErrorCode::NotTracked => self.err_not_tracked,
            ErrorCode::OnboardingIncomplete => self.err_onboarding_incomplete,
            ErrorCode::ProvenAccount => self.err_proven_account,
            ErrorCode::TooManyAttempts => self.err_too_many_attempts,
            ErrorCode::Internal => self.err_internal,
            ErrorCode::Unavailable => self.err_unavailable,
        }
    }

    /// The message for one refused field, with the rule's limits from the domain.
    pub fn field_error(&self, error: &FieldError) -> String {
        self.field_error_within(error, None)
    }

    /// The message for one refused field whose form knows its limit (`max`), as the
    /// role editor does for a role's name and description.
    pub fn field_error_within(&self, error: &FieldError, max: Option<usize>) -> String {
        let max = max.unwrap_or(match error.field.as_str() {
            "restaurant_name" => RestaurantName::MAX,
            "password" | "new_password" => Password::MAX,
            "current_password" => 1024,
            "email" | "invite_email" => 254,
            _ => PersonName::MAX,
        });
        match error.code.as_str() {
            "required" => self.fe_required.into(),
            "too_short" => self.fe_too_short.replace("{n}", &Password::MIN.to_string()),
            "too_long" => self.fe_too_long.replace("{n}", &max.to_string()),
            "invalid_email" => self.fe_invalid_email.into(),
            "common_password" => self.fe_common_password.into(),
            "out_of_range"
                if error.field.ends_with("price") || error.field.ends_with("price_delta") =>
            {
                self.fe_price_range.into()
            }
            "out_of_range" => {
                let (min, max) = match error.field.as_str() {
                    "tax_rate" => (0, 100),
                    "threshold" | "quantity" => (0, brigade_domain::menu::STOCK_MAX),
                    "variants" | "prices" => (1, brigade_domain::menu::MAX_VARIANTS as i64),
                    "modifier_groups" => (0, brigade_domain::menu::MAX_MODIFIER_GROUPS as i64),
                    field if field.ends_with(".options") => {
                        (1, brigade_domain::menu::MAX_MODIFIER_OPTIONS as i64)
                    }
                    "table_count" => (TableCount::MIN, TableCount::MAX),
                    "tables" => (0, floor::MAX_TABLES_PER_REQUEST),
                    "count" => (1, floor::MAX_TABLES_PER_REQUEST),
                    _ => (*floor::CAPACITY.start(), *floor::CAPACITY.end()),
                };
                self.fe_out_of_range
                    .replace("{min}", &min.to_string())
                    .replace("{max}", &max.to_string())
            }
            "invalid_prefix" => self.fe_invalid_prefix.into(),
            "invalid_time" => self.fe_invalid_time.into(),
            "overlapping_ranges" => self.fe_overlapping_ranges.into(),
            "too_many_ranges" => self.fe_too_many_ranges.into(),
            "unknown_time_zone" => self.fe_unknown_time_zone.into(),
            "unknown_currency" => self.fe_unknown_currency.into(),
            "invalid_language" => self.fe_invalid_language.into(),
            "not_every_zone" => self.fe_not_every_zone.into(),
            "invalid_characters" => self.fe_invalid_characters.into(),
            "unchanged" => self.fe_unchanged.into(),
            "incorrect" => self.fe_incorrect.into(),
            "number" => self.fe_number.into(),
            "mismatch" => self.passwords_differ.into(),
            "not_assignable" => self.fe_not_assignable.into(),
            "unknown_permission" => self.fe_unknown_permission.into(),
            "conflict" => self.fe_conflict.into(),
            "member_email_taken" => self.fe_member_email_taken.into(),
            "already_member" => self.fe_already_member.into(),
            "role_name_taken" => self.fe_role_name_taken.into(),
            "reserved_role_name" => self.fe_reserved_role_name.into(),
            "invalid_color" => self.fe_invalid_color.into(),
            "image_type" => self.fe_image_type.into(),
            "image_too_large" => self.fe_image_too_large.into(),
            "invalid_image" => self.fe_invalid_image.into(),
            "unknown_member" => self.fe_unknown_member.into(),
            "unknown_zone" => self.fe_unknown_zone.into(),
            "unknown_table" => self.fe_unknown_table.into(),
            "one_place" => self.fe_one_place.into(),
            "not_a_service" => self.fe_not_a_service.into(),
            "invalid_date" => self.fe_invalid_date.into(),
            "changed" => self.fe_changed.into(),
            "same_time" => self.fe_same_time.into(),
            "unknown_role" => self.fe_unknown_role.into(),
            "not_an_admin" => self.fe_not_an_admin.into(),
            "self" => self.fe_self.into(),
            "reused" => self.fe_reused.into(),
            "invalid_amount" => self.fe_invalid_amount.into(),
            "duplicate" => self.fe_duplicate.into(),
            "invalid_limits" => self.fe_invalid_limits.into(),
            "unknown_value" | "unknown_station" | "unexpected_id" => self.fe_unknown_value.into(),
            // A rule newer than this app: the server's English message.
            _ => error.message.clone(),
        }
    }
}
