//! The app's one icon set: small stroked SVGs drawn in the text's colour, always
//! decorative (`aria-hidden`); the button or link around an icon carries its name.
//! Paths follow the 24-unit grid of the Feather/Lucide family so every icon has the
//! same weight.

use leptos::prelude::*;

/// Every icon the app draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    Menu,
    Bell,
    Close,
    Check,
    ChevronDown,
    Search,
    Sun,
    Moon,
    Home,
    Users,
    Shield,
    Grid,
    List,
    User,
    LogOut,
    Plus,
    Alert,
    Info,
    Table,
    Qr,
    ArrowUp,
    ArrowDown,
    Clock,
    Grip,
    Box,
    Book,
}

impl Icon {
    /// The icon's SVG path data.
    const fn paths(self) -> &'static [&'static str] {
        match self {
            Icon::Menu => &["M3 6h18", "M3 12h18", "M3 18h18"],
            Icon::Bell => &[
                "M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9",
                "M13.7 21a2 2 0 0 1-3.4 0",
            ],
            Icon::Close => &["M18 6 6 18", "M6 6l12 12"],
            Icon::Check => &["M20 6 9 17l-5-5"],
            Icon::ChevronDown => &["m6 9 6 6 6-6"],
            Icon::Search => &["M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14z", "m21 21-4.3-4.3"],
            Icon::Sun => &[
                "M12 16a4 4 0 1 0 0-8 4 4 0 0 0 0 8z",
                "M12 2v2",
                "M12 20v2",
                "m4.9 4.9 1.4 1.4",
                "m17.7 17.7 1.4 1.4",
                "M2 12h2",
                "M20 12h2",
                "m6.3 17.7-1.4 1.4",
                "m19.1 4.9-1.4 1.4",
            ],
            Icon::Moon => &["M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z"],
            Icon::Home => &[
                "m3 10 9-7 9 7v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z",
                "M9 22V12h6v10",
            ],
            Icon::Users => &[
                "M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2",
                "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z",
                "M22 21v-2a4 4 0 0 0-3-3.9",
                "M16 3.1a4 4 0 0 1 0 7.8",
            ],
            Icon::Shield => &["M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z"],
            Icon::Grid => &[
                "M3 3h7v7H3z",
                "M14 3h7v7h-7z",
                "M14 14h7v7h-7z",
                "M3 14h7v7H3z",
            ],
            Icon::List => &[
                "M8 6h13",
                "M8 12h13",
                "M8 18h13",
                "M3 6h.01",
                "M3 12h.01",
                "M3 18h.01",
            ],
            Icon::User => &[
                "M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2",
                "M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z",
            ],
            Icon::LogOut => &[
                "M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4",
                "m16 17 5-5-5-5",
                "M21 12H9",
            ],
            Icon::Plus => &["M12 5v14", "M5 12h14"],
            Icon::Clock => &["M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18", "M12 7v5l3 2"],
            Icon::Alert => &[
                "M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20z",
                "M12 8v4",
                "M12 16h.01",
            ],
            Icon::Table => &["M3 9h18", "M6 9v10", "M18 9v10", "M8 5h8"],
            Icon::Qr => &[
                "M3 3h7v7H3z",
                "M14 3h7v7h-7z",
                "M3 14h7v7H3z",
                "M14 14h3v3h-3z",
                "M20 14v7h-6",
            ],
            Icon::ArrowUp => &["M12 19V5", "M5 12l7-7 7 7"],
            Icon::ArrowDown => &["M12 5v14", "M19 12l-7 7-7-7"],
            Icon::Grip => &[
                "M9 5h.01",
                "M9 12h.01",
                "M9 19h.01",
                "M15 5h.01",
                "M15 12h.01",
                "M15 19h.01",
            ],
            Icon::Box => &["M21 8 12 3 3 8v8l9 5 9-5z", "M3 8l9 5 9-5", "M12 13v8"],
            Icon::Book => &[
                "M4 19.5A2.5 2.5 0 0 1 6.5 17H20V3H6.5A2.5 2.5 0 0 0 4 5.5z",
                "M4 19.5A2.5 2.5 0 0 0 6.5 22H20v-5",
            ],
            Icon::Info => &[
                "M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20z",
                "M12 16v-4",
                "M12 8h.01",
            ],
        }
    }
}

/// Draws an icon, decorative.
#[component]
pub fn Glyph(icon: Icon) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            {icon.paths().iter().map(|d| view! { <path d=*d/> }).collect_view()}
        </svg>
    }
}
