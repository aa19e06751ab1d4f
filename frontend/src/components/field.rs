//! A labelled form field whose error comes from the same `FieldError`s the API returns
//! (or the domain's validation, run before sending), the alert above a form, and the
//! form's sending (a [`Mutation`]).

use brigade_domain::validation::FieldError;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{use_i18n, TextFn};
use crate::mutation::{run, Mutation};

/// The errors of one form: per field, and one message for the whole form.
#[derive(Debug, Clone, Copy)]
pub struct FormErrors {
    pub fields: RwSignal<Vec<FieldError>>,
    pub form: RwSignal<Option<ApiError>>,
}

impl FormErrors {
    pub fn new() -> Self {
        Self {
            fields: RwSignal::new(Vec::new()),
            form: RwSignal::new(None),
        }
    }

    pub fn clear(self) {
        self.fields.set(Vec::new());
        self.form.set(None);
    }

    /// Shows errors found before sending, and moves focus to the first bad field.
    pub fn refuse(self, errors: Vec<FieldError>) {
        let first = errors.first().map(|error| error.field.clone());
        self.fields.set(errors);
        self.form.set(None);
        if let Some(field) = first {
            focus_field(&field);
        }
    }

    /// Shows an API error: per field when the API named fields, else for the form.
    pub fn show(self, error: ApiError) {
        let fields = error.field_errors();
        if fields.is_empty() {
            self.fields.set(Vec::new());
            self.form.set(Some(error));
        } else {
            self.refuse(fields);
        }
    }
}

impl FormErrors {
    /// Sends the form through `mutation`, unless the domain's validation `refused` it
    /// (the fields show why) or it is already being sent; a refusal by the API shows on
    /// the form, per field when the API names fields.
    pub fn send(
        self,
        mutation: Mutation,
        refused: Vec<FieldError>,
        change: impl std::future::Future<Output = Result<(), ApiError>> + 'static,
    ) {
        if mutation.pending().get_untracked() {
            return;
        }
        if !refused.is_empty() {
            self.refuse(refused);
            return;
        }
        // The previous refusal stays until the answer replaces it, so nothing under the
        // pointer moves while the form is being sent.
        run(mutation, async move {
            let outcome = change.await;
            match &outcome {
                Ok(()) => self.clear(),
                Err(error) => self.show(error.clone()),
            }
            outcome
        });
    }
}

impl Default for FormErrors {
    fn default() -> Self {
        Self::new()
    }
}

/// Moves focus to the form field named `name` (`<Field name=…>`).
pub fn focus_field(name: &str) {
    super::page::focus(&format!("#field-{name}"));
}

/// A text input with its label, hint and error.
#[component]
pub fn Field(
    /// The label's text.
    label: TextFn,
    /// The input's `name`, the API's field name.
    name: &'static str,
    value: RwSignal<String>,
    errors: FormErrors,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<TextFn>,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// The most characters the field takes, when the API's field name alone does not
    /// say it (a role's `name` is not a person's).
    #[prop(optional)]
    max: Option<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("field-{name}");
    let error_id = format!("field-{name}-error");
    let hint_id = format!("field-{name}-hint");
    let message = move || {
        let t = i18n.t();
        errors.fields.with(|all| {
            all.iter()
                .find(|error| error.field == name)
                .map(|error| t.field_error_within(error, max))
        })
    };
    let described_by = {
        let error_id = error_id.clone();
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if message().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{move || label(i18n.t())}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                aria-required="true"
                aria-invalid=move || if message().is_some() { "true" } else { "false" }
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{move || hint(i18n.t())}</p> })}
            <p class="field-error" id=error_id>{message}</p>
        </div>
    }
}

/// The message above a form: an error, or a success note.
#[component]
pub fn FormAlert(
    errors: FormErrors,
    #[prop(optional, into)] success: Option<Signal<Option<TextFn>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = move || {
        let t = i18n.t();
        if let Some(error) = errors.form.get() {
            return Some(error.message(t));
        }
        errors
            .fields
            .with(|fields| !fields.is_empty())
            .then(|| t.err_validation_failed.to_owned())
    };
    let note = move || success.and_then(|s| s.get()).map(|text| text(i18n.t()));
    view! {
        <div class="form-messages" aria-live="polite">
            {move || error().map(|message| view! { <p class="alert alert-error" role="alert">{message}</p> })}
            {move || note().map(|message| view! { <p class="alert alert-success" role="status">{message}</p> })}
        </div>
    }
}

/// The refusal of one field, named as the API names it (`variants[1].price`), under an
/// input that is not a [`Field`] (reactive: a row's name moves with its place).
#[component]
pub fn FieldMessage(
    errors: FormErrors,
    #[prop(into)] field: Signal<String>,
    #[prop(optional)] id: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || {
        let name = field.get();
        errors.fields.with(|all| {
            all.iter()
                .find(|error| error.field == name)
                .map(|error| i18n.t().field_error(error))
        })
    };
    view! { <p class="field-error" id=id>{message}</p> }
}

/// A labelled input with its own `id` (several on a page, rows of a form), whose
/// refusal is the API's `field`.
#[component]
pub fn LabelledInput(
    id: String,
    label: TextFn,
    value: RwSignal<String>,
    errors: FormErrors,
    #[prop(into)] field: Signal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] max: Option<usize>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    let invalid = move || {
        let name = field.get();
        errors
            .fields
            .with(|all| all.iter().any(|error| error.field == name))
    };
    view! {
        <div class=format!("field {class}")>
            <label for=id.clone()>{move || label(i18n.t())}</label>
            <input id=id type=kind inputmode=inputmode autocomplete="off" placeholder=placeholder disabled=disabled
                maxlength=max.map(|m| m.to_string())
                aria-invalid=move || invalid().to_string()
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
            <FieldMessage errors field id=error_id/>
        </div>
    }
}
