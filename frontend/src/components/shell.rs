//! The frame around every signed-in page: the top bar (the brand, the restaurant and
//! its switcher, the bell and the account menu, which holds the theme and the
//! language) and the sidebar listing only the sections the person may use. On a phone
//! the sidebar is a menu opened from the top bar, closed by Escape or a choice.

use brigade_domain::api::Me;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use uuid::Uuid;

use brigade_domain::live::{PostMessageRequest, MESSAGE_MAX};
use brigade_domain::permissions::{code, SystemRole};

use crate::api;
use crate::components::icons::{Glyph, Icon};
use crate::components::page::focus;
use crate::components::switches::{LanguageSwitch, ThemeToggle};
use crate::components::use_toasts;
use crate::format;
use crate::i18n::{tr, use_i18n};
use crate::live::{self, use_live};
use crate::mutation::{failure, mutation, run};
use crate::sections::Section;
use crate::session::{use_session, Status};

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let nav_open = RwSignal::new(false);
    // Each page load asks `/me` again, so a permission change shows on the next page.
    run(mutation(), async move {
        let _ = session.reload().await;
        Ok(())
    });
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        nav_open.set(false);
    });
    // The phone's menu: focus goes into it when it opens; Escape anywhere or a tap
    // outside closes it, Escape giving focus back to its button.
    Effect::new(move |_| {
        if nav_open.get() {
            // Once the menu is drawn open (a hidden link cannot take focus).
            request_animation_frame(|| focus("#sidebar a"));
        }
    });
    let on_key = window_event_listener(leptos::ev::keydown, move |event| {
        if event.key() == "Escape" && nav_open.get_untracked() {
            nav_open.set(false);
            focus(".menu-button");
        }
    });
    let on_tap = window_event_listener(leptos::ev::click, move |event| {
        use wasm_bindgen::JsCast;
        if !nav_open.get_untracked() {
            return;
        }
        let inside = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|element| {
                element
                    .closest("#sidebar, .menu-button")
                    .ok()
                    .flatten()
                    .is_some()
            });
        if !inside {
            nav_open.set(false);
        }
    });
    on_cleanup(move || {
        on_key.remove();
        on_tap.remove();
    });
    view! {
        <a class="skip-link" href="#main">{tr(|t| t.skip_to_content)}</a>
        <header class="topbar">
            <button
                class="icon-button menu-button"
                type="button"
                aria-controls="sidebar"
                aria-expanded=move || if nav_open.get() { "true" } else { "false" }
                aria-label=tr(|t| t.menu)
                on:click=move |_| nav_open.update(|open| *open = !*open)
            >
                <Glyph icon=Icon::Menu/>
            </button>
            <a href="/" class="brand">
                <span class="brand-mark" aria-hidden="true">"B"</span>
                <span class="brand-name">"Brigade"</span>
            </a>
            <RestaurantSwitcher/>
            <div class="topbar-actions">
                <Bell/>
                <AccountMenu/>
            </div>
        </header>
        <div class="layout">
            <nav
                id="sidebar"
                class=move || if nav_open.get() { "sidebar open" } else { "sidebar" }
                aria-label=tr(|t| t.main_navigation)
            >
                <ul>
                    {move || {
                        Section::ALL
                            .into_iter()
                            .filter(|section| session.may_open(*section))
                            .map(|section| {
                                let title = section.title();
                                view! {
                                    <li>
                                        <A href=section.path() exact=true>
                                            <Glyph icon=section.icon()/>
                                            {move || title(i18n.t())}
                                        </A>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </nav>
            <main id="main" class="content" tabindex="-1">
                {children()}
            </main>
        </div>
    }
}

fn active_restaurant_name(me: &Me) -> String {
    me.restaurants
        .iter()
        .find(|r| r.restaurant_id == me.active_restaurant_id)
        .map(|r| r.restaurant_name.clone())
        .unwrap_or_default()
}

/// The restaurant's name, with a switch when the person belongs to several.
#[component]
fn RestaurantSwitcher() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let switch = mutation();
    let switching = switch.pending();
    let failed = move || failure(switch);
    let choices = Memo::new(move |_| {
        session
            .me()
            .map(|me| {
                let active = me.active_restaurant_id;
                let places: Vec<(Uuid, String)> = me
                    .restaurants
                    .iter()
                    .filter(|r| r.active)
                    .map(|r| (r.restaurant_id, r.restaurant_name.clone()))
                    .collect();
                (active, active_restaurant_name(&me), places)
            })
            .unwrap_or_default()
    });
    let switch_to = move |id: Uuid| {
        let navigate = navigate.clone();
        run(switch, async move {
            let tokens = api::auth::switch_restaurant(id).await?;
            session.begin(tokens).await?;
            navigate("/", NavigateOptions::default());
            Ok(())
        });
    };
    view! {
        <div class="restaurant">
            {move || {
                let (active, name, places) = choices.get();
                if places.len() > 1 {
                    let switch_to = switch_to.clone();
                    view! {
                        <select
                            class="restaurant-switch"
                            name="restaurant_id"
                            aria-label=tr(|t| t.switch_restaurant)
                            disabled=move || switching.get()
                            on:change=move |ev| {
                                if let Ok(id) = event_target_value(&ev).parse::<Uuid>() {
                                    switch_to(id);
                                }
                            }
                        >
                            {places
                                .into_iter()
                                .map(|(id, place)| {
                                    view! {
                                        <option value=id.to_string() selected=id == active>
                                            {place}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    }
                        .into_any()
                } else {
                    view! { <span class="restaurant-name">{name}</span> }.into_any()
                }
            }}
            {move || {
                failed()
                    .map(|error| {
                        view! { <p class="alert alert-error" role="alert">{error.message(i18n.t())}</p> }
                    })
            }}
        </div>
    }
}

/// A button that opens a panel below it: closes on Escape (focus returns to the
/// button), on a click elsewhere, and when an item in it is chosen.
#[component]
fn MenuButton(
    /// The class of the wrapper (`bell`, `account`).
    class: &'static str,
    /// The button's class (`icon-button`, `avatar`).
    button_class: &'static str,
    label: Signal<String>,
    open: RwSignal<bool>,
    #[prop(into)] button: ViewFn,
    children: ChildrenFn,
) -> impl IntoView {
    let wrapper = NodeRef::<leptos::html::Div>::new();
    let trigger = NodeRef::<leptos::html::Button>::new();
    let panel_id = format!("{class}-menu");
    let outside = window_event_listener(leptos::ev::click, move |event| {
        use wasm_bindgen::JsCast;
        let inside = wrapper.get_untracked().is_some_and(|wrapper| {
            event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::Node>().ok())
                .is_some_and(|node| wrapper.contains(Some(&node)))
        });
        if !inside {
            open.set(false);
        }
    });
    on_cleanup(move || outside.remove());
    view! {
        <div
            class=format!("menu {class}")
            node_ref=wrapper
            on:keydown=move |event| {
                if event.key() == "Escape" && open.get_untracked() {
                    open.set(false);
                    if let Some(trigger) = trigger.get_untracked() {
                        let _ = trigger.focus();
                    }
                }
            }
        >
            <button
                class=button_class
                type="button"
                node_ref=trigger
                title=move || label.get()
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=panel_id.clone()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {button.run()}
                <span class="sr-only">{move || label.get()}</span>
            </button>
            <div class="menu-panel" id=panel_id hidden=move || !open.get()>
                {children()}
            </div>
        </div>
    }
}

/// The notification bell: its count of unread notifications (kept live by the
/// socket), and a panel listing the recent ones, each a link to what it is about, to
/// mark read one by one or all at once; with `staff.send_messages`, a short form to
/// write to the team or to one role.
#[component]
fn Bell() -> impl IntoView {
    let i18n = use_i18n();
    let live = use_live();
    let session = use_session();
    let open = RwSignal::new(false);
    let version = RwSignal::new(0_u64);
    let label = Signal::derive(move || {
        let t = i18n.t();
        match live.unread.get() {
            0 => t.notifications.to_owned(),
            n => format!(
                "{}{}",
                t.notifications,
                format_args!(" ({})", i18n.lang.get().plural(t.unread_count, n as usize))
            ),
        }
    });
    let recent = LocalResource::new(move || {
        let wanted = open.get();
        live.received.track();
        version.track();
        async move {
            if wanted {
                Some(api::live::recent().await)
            } else {
                None
            }
        }
    });
    let marking = mutation();
    let recount = move || async move {
        if let Ok(count) = api::live::unread().await {
            live.unread.set(count.unread);
        }
        version.update(|v| *v += 1);
    };
    let mark_all = move |_| {
        run(marking, async move {
            let count = api::live::mark_all_read().await?;
            live.unread.set(count.unread);
            version.update(|v| *v += 1);
            Ok(())
        })
    };
    let items = move || {
        let lang = i18n.lang.get();
        let t = i18n.t();
        match recent.get() {
            None | Some(None) => view! { <li class="empty">{t.loading}</li> }.into_any(),
            Some(Some(Err(error))) => view! {
                <li class="alert alert-error" role="alert">
                    {error.message(t)}
                    " "
                    <button class="link-button" type="button" on:click=move |_| version.update(|v| *v += 1)>
                        {t.retry}
                    </button>
                </li>
            }
            .into_any(),
            Some(Some(Ok(page))) if page.items.is_empty() => {
                view! { <li class="empty">{t.no_notifications}</li> }.into_any()
            }
            Some(Some(Ok(page))) => page
                .items
                .into_iter()
                .map(|notification| {
                    let id = notification.id;
                    let unread = notification.read_at.is_none();
                    let words = live::words(&notification, lang);
                    let when = format::date_time(notification.created_at, lang);
                    let read = move || {
                        if unread {
                            run(marking, async move {
                                api::live::mark_read(id).await?;
                                recount().await;
                                // The list is drawn again: focus stays in the panel.
                                focus(".bell .notices-head h2");
                                Ok(())
                            });
                        }
                    };
                    let mark_label = format!("{} : {words}", t.mark_read);
                    let body = match live::link(&notification, |p| session.holds(p)) {
                        Some(href) => view! {
                            <a class="notice-link" href=href on:click=move |_| { read(); open.set(false); }>{words}</a>
                        }
                        .into_any(),
                        None => view! { <span class="notice-link">{words}</span> }.into_any(),
                    };
                    view! {
                        <li class=if unread { "notice unread" } else { "notice" } data-notification="">
                            {unread.then(|| view! { <span class="sr-only">{t.unread}</span> })}
                            {body}
                            <time>{when}</time>
                            {unread.then(|| view! {
                                <button class="link-button" type="button" aria-label=mark_label on:click=move |_| read()>
                                    {t.mark_read}
                                </button>
                            })}
                        </li>
                    }
                })
                .collect_view()
                .into_any(),
        }
    };
    view! {
        <MenuButton class="bell" button_class="icon-button" label=label open=open
            button=move || view! {
                <Glyph icon=Icon::Bell/>
                <span class="badge" aria-hidden="true" data-unread=move || live.unread.get().to_string()
                    hidden=move || live.unread.get() == 0>
                    {move || match live.unread.get() { n if n > 99 => "99+".to_owned(), n => n.to_string() }}
                </span>
            }>
            <Show when=move || session.holds(code::STAFF_SEND_MESSAGES)>
                <MessageForm/>
            </Show>
            <div class="notices-head">
                <h2 tabindex="-1">{tr(|t| t.notifications)}</h2>
                <button class="link-button" type="button" disabled=move || live.unread.get() == 0 || marking.pending().get()
                    on:click=mark_all>
                    {tr(|t| t.mark_all_read)}
                </button>
            </div>
            <Show when=move || !live.connected.get() && session.status() == Status::SignedIn>
                <p class="hint" role="status">{tr(|t| t.reconnecting)}</p>
            </Show>
            <ul class="notices">{items}</ul>
        </MenuButton>
    }
}

/// A short message to the whole team or to one role's holders.
#[component]
fn MessageForm() -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let text = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let sending = mutation();
    let failed = move || failure(sending);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let request = PostMessageRequest {
            text: text.get_untracked(),
            role: role.get_untracked().parse().ok(),
            custom_role_id: None,
        };
        run(sending, async move {
            api::live::post_message(&request).await?;
            text.set(String::new());
            toasts.done(|t| t.message_sent);
            Ok(())
        });
    };
    view! {
        <form class="message-form" on:submit=submit>
            <label for="team-message">{tr(|t| t.write_to_team)}</label>
            <textarea id="team-message" name="text" rows="3" maxlength=MESSAGE_MAX.to_string() required=true
                aria-describedby="team-message-count"
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <p class="hint" id="team-message-count">{move || format!("{} / {MESSAGE_MAX}", text.get().chars().count())}</p>
            <label class="field-inline" for="team-message-to">{tr(|t| t.message_to)}</label>
            <div class="message-actions">
                <select id="team-message-to" name="role" on:change=move |ev| role.set(event_target_value(&ev))>
                    <option value="">{tr(|t| t.whole_team)}</option>
                    {SystemRole::ALL
                        .into_iter()
                        .filter(|role| *role != SystemRole::Owner)
                        .map(|role| view! {
                            <option value=role.as_str()>{move || {
                                let t = i18n.t();
                                match role {
                                    SystemRole::Admin => t.to_admins,
                                    SystemRole::Manager => t.to_managers,
                                    SystemRole::Cashier => t.to_cashiers,
                                    SystemRole::Chef => t.to_chefs,
                                    _ => t.to_waiters,
                                }
                            }}</option>
                        })
                        .collect_view()}
                </select>
                <button class="button primary" type="submit" disabled=move || sending.pending().get() || text.get().trim().is_empty()>
                    {tr(|t| t.send)}
                </button>
            </div>
            {move || failed().map(|error| view! { <p class="alert alert-error" role="alert">{error.message(i18n.t())}</p> })}
        </form>
    }
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

/// The person's menu: their profile, the theme, the language and logging out.
#[component]
fn AccountMenu() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let name = Memo::new(move |_| session.me().map(|me| me.account.name).unwrap_or_default());
    let open = RwSignal::new(false);
    let label = Signal::derive(move || i18n.t().account_menu.to_owned());
    let log_out = mutation();
    let logout = move |_| {
        open.set(false);
        if log_out.pending().get_untracked() {
            return;
        }
        let navigate = navigate.clone();
        run(log_out, async move {
            session.end().await;
            navigate("/login", NavigateOptions::default());
            Ok(())
        });
    };
    view! {
        <MenuButton class="account" button_class="avatar" label=label open=open
            button=move || view! { <span aria-hidden="true">{move || initials(&name.get())}</span> }>
            <p class="menu-name">{move || name.get()}</p>
            <a class="menu-item" href="/profile" on:click=move |_| open.set(false)>
                <Glyph icon=Icon::User/>
                {tr(|t| t.profile)}
            </a>
            <ThemeToggle labelled=true/>
            <label class="menu-item menu-language">
                <span>{tr(|t| t.language)}</span>
                <LanguageSwitch/>
            </label>
            <button class="menu-item" type="button" on:click=logout.clone()>
                <Glyph icon=Icon::LogOut/>
                {tr(|t| t.logout)}
            </button>
        </MenuButton>
    }
}
