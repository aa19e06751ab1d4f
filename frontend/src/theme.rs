//! Light and dark themes. `boot.js` applies the theme to `<html data-theme>` before the
//! first paint (so nothing flashes); this module takes over from there: it follows the
//! system setting until the person chooses, and remembers their choice.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::storage;

/// Where the choice is remembered; `boot.js` reads the same key.
pub const THEME_KEY: &str = "brigade.theme";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub const fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub const fn other(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }

    fn parse(raw: &str) -> Option<Theme> {
        match raw {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }
}

fn dark_scheme_query() -> Option<web_sys::MediaQueryList> {
    web_sys::window()?
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
}

fn system_theme() -> Theme {
    if dark_scheme_query().is_some_and(|query| query.matches()) {
        Theme::Dark
    } else {
        Theme::Light
    }
}

/// The active theme, shared through the context.
#[derive(Debug, Clone, Copy)]
pub struct Themes {
    pub theme: RwSignal<Theme>,
    /// Whether the person chose; until then the theme follows the system.
    chosen: RwSignal<bool>,
}

impl Themes {
    pub fn provide() -> Self {
        let stored = storage::get(THEME_KEY).and_then(|raw| Theme::parse(&raw));
        let themes = Themes {
            theme: RwSignal::new(stored.unwrap_or_else(system_theme)),
            chosen: RwSignal::new(stored.is_some()),
        };
        Effect::new(move |_| {
            let theme = themes.theme.get();
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("data-theme", theme.as_str());
            }
        });
        if let Some(query) = dark_scheme_query() {
            let follow = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
                move |event: web_sys::MediaQueryListEvent| {
                    if !themes.chosen.get_untracked() {
                        themes.theme.set(if event.matches() {
                            Theme::Dark
                        } else {
                            Theme::Light
                        });
                    }
                },
            );
            let _ =
                query.add_event_listener_with_callback("change", follow.as_ref().unchecked_ref());
            // The listener lives as long as the page.
            follow.forget();
        }
        provide_context(themes);
        themes
    }

    /// Switches to the other theme and remembers the choice.
    pub fn toggle(self) {
        let next = self.theme.get_untracked().other();
        storage::set(THEME_KEY, next.as_str());
        self.chosen.set(true);
        self.theme.set(next);
    }
}

pub fn use_themes() -> Themes {
    use_context::<Themes>().unwrap_or_else(Themes::provide)
}
