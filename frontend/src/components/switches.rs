//! The theme toggle and the language switch, shown in the account menu and on the
//! login and sign-up pages.

use leptos::prelude::*;

use crate::components::icons::{Glyph, Icon};
use crate::i18n::{tr, use_i18n, Lang};
use crate::theme::{use_themes, Theme};

/// The theme toggle; `labelled` shows its words next to the icon (in a menu).
#[component]
pub fn ThemeToggle(#[prop(optional)] labelled: bool) -> impl IntoView {
    let themes = use_themes();
    let i18n = use_i18n();
    let label = move || match themes.theme.get() {
        Theme::Light => i18n.t().theme_to_dark,
        Theme::Dark => i18n.t().theme_to_light,
    };
    view! {
        <button
            class=if labelled { "menu-item" } else { "icon-button" }
            type="button"
            aria-label=label
            title=label
            on:click=move |_| themes.toggle()
        >
            {move || match themes.theme.get() {
                Theme::Light => view! { <Glyph icon=Icon::Moon/> },
                Theme::Dark => view! { <Glyph icon=Icon::Sun/> },
            }}
            {labelled.then(|| view! { <span aria-hidden="true">{label}</span> })}
        </button>
    }
}

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select
            class="language-switch"
            name="language"
            aria-label=tr(|t| t.language)
            title=tr(|t| t.language)
            on:change=move |ev| {
                if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
                    i18n.choose(lang);
                }
            }
        >
            {Lang::ALL
                .into_iter()
                .map(|lang| {
                    view! {
                        <option
                            value=lang.code()
                            lang=lang.code()
                            prop:selected=move || i18n.lang.get() == lang
                        >
                            {lang.native_name()}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}
