//! Reordering a list by hand, with the pointer (mouse, pen or finger: pointer events,
//! so touch works without the browser's HTML drag and drop) or the keyboard. Each row
//! carries `data-reorder=<list>` and `data-id=<id>`, and a [`DragHandle`]: dragged, it
//! puts its row in the place of the row it is dropped on; focused, ArrowUp and
//! ArrowDown (Home, End) move its row and a live region says where it now is. The list
//! decides what a new order does (`on_move`: shown at once, saved in one call).

use leptos::prelude::*;
use uuid::Uuid;
use wasm_bindgen::JsCast;

use crate::components::icons::{Glyph, Icon};
use crate::i18n::{use_i18n, I18n};

/// One reorderable list's state.
#[derive(Clone, Copy)]
pub struct Reorder {
    /// The rows' `data-reorder`, unique on the page.
    pub list: &'static str,
    pub order: Signal<Vec<Uuid>>,
    /// The row being dragged, and the row under the pointer.
    pub dragged: RwSignal<Option<Uuid>>,
    pub over: RwSignal<Option<Uuid>>,
    /// What the live region says after a move.
    pub said: RwSignal<String>,
    on_move: Callback<Vec<Uuid>>,
    i18n: I18n,
}

impl Reorder {
    pub fn new(
        list: &'static str,
        order: Signal<Vec<Uuid>>,
        on_move: impl Fn(Vec<Uuid>) + Send + Sync + 'static,
    ) -> Self {
        Reorder {
            list,
            order,
            dragged: RwSignal::new(None),
            over: RwSignal::new(None),
            said: RwSignal::new(String::new()),
            on_move: Callback::new(on_move),
            i18n: use_i18n(),
        }
    }

    /// Whether `id`'s row is being dragged (reactive).
    pub fn dragging(self, id: Uuid) -> bool {
        self.dragged.get() == Some(id)
    }

    /// Whether `id`'s row is where the dragged row would go (reactive).
    pub fn target(self, id: Uuid) -> bool {
        self.dragged.get().is_some_and(|moving| moving != id) && self.over.get() == Some(id)
    }

    /// Puts `id` at `to` (clamped), announces it, and keeps the keyboard on its handle.
    fn place(self, id: Uuid, to: usize, name: &str) {
        let mut ids = self.order.get_untracked();
        let Some(from) = ids.iter().position(|known| *known == id) else {
            return;
        };
        let to = to.min(ids.len().saturating_sub(1));
        if from == to {
            return;
        }
        ids.remove(from);
        ids.insert(to, id);
        let total = ids.len();
        self.on_move.run(ids);
        let t = self.i18n.lang.get_untracked().text();
        self.said.set(
            t.moved_to
                .replace("{name}", name)
                .replace("{n}", &(to + 1).to_string())
                .replace("{total}", &total.to_string()),
        );
        let handle = handle_id(self.list, id);
        request_animation_frame(move || {
            if let Some(button) = document()
                .get_element_by_id(&handle)
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = button.focus();
            }
        });
    }

    /// The row of this list under the point (`x`, `y`), if any.
    fn row_at(self, x: i32, y: i32) -> Option<Uuid> {
        let selector = format!("[data-reorder=\"{}\"]", self.list);
        document()
            .element_from_point(x as f32, y as f32)?
            .closest(&selector)
            .ok()
            .flatten()?
            .get_attribute("data-id")?
            .parse()
            .ok()
    }
}

fn handle_id(list: &str, id: Uuid) -> String {
    format!("move-{list}-{id}")
}

/// The hint that says how to move rows, and the live region that says where one went.
#[component]
pub fn ReorderHint(reorder: Reorder) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="hint" id=format!("{}-hint", reorder.list)>{move || i18n.t().drag_hint}</p>
        <p class="sr-only" aria-live="assertive" aria-atomic="true">{move || reorder.said.get()}</p>
    }
}

/// A row's handle: drag it with the pointer, or focus it and use the arrow keys.
#[component]
pub fn DragHandle(
    reorder: Reorder,
    id: Uuid,
    name: String,
    #[prop(into)] disabled: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = {
        let name = name.clone();
        Signal::derive(move || i18n.t().move_row.replace("{name}", &name))
    };
    let name = StoredValue::new(name);
    let on_down = move |ev: web_sys::PointerEvent| {
        if disabled.get_untracked() || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        if let Some(handle) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = handle.set_pointer_capture(ev.pointer_id());
        }
        reorder.dragged.set(Some(id));
        reorder.over.set(Some(id));
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        if reorder.dragged.get_untracked() != Some(id) {
            return;
        }
        if let Some(row) = reorder.row_at(ev.client_x(), ev.client_y()) {
            if reorder.over.get_untracked() != Some(row) {
                reorder.over.set(Some(row));
            }
        }
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        if reorder.dragged.get_untracked() != Some(id) {
            return;
        }
        let target = reorder
            .row_at(ev.client_x(), ev.client_y())
            .or(reorder.over.get_untracked());
        reorder.dragged.set(None);
        reorder.over.set(None);
        if let Some(target) = target.filter(|t| *t != id) {
            let to = reorder
                .order
                .with_untracked(|ids| ids.iter().position(|known| *known == target));
            if let Some(to) = to {
                reorder.place(id, to, &name.get_value());
            }
        }
    };
    let on_cancel = move |_: web_sys::PointerEvent| {
        reorder.dragged.set(None);
        reorder.over.set(None);
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if disabled.get_untracked() {
            return;
        }
        let Some(from) = reorder
            .order
            .with_untracked(|ids| ids.iter().position(|known| *known == id))
        else {
            return;
        };
        let to = match ev.key().as_str() {
            "ArrowUp" if from > 0 => from - 1,
            "ArrowDown" => from + 1,
            "Home" => 0,
            "End" => usize::MAX,
            "ArrowUp" => {
                ev.prevent_default();
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        reorder.place(id, to, &name.get_value());
    };
    view! {
        <button type="button" class="icon-button drag-handle" id=handle_id(reorder.list, id)
            aria-label=label title=label
            aria-describedby=format!("{}-hint", reorder.list)
            aria-disabled=move || disabled.get().to_string()
            on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up
            on:pointercancel=on_cancel on:keydown=on_key>
            <Glyph icon=Icon::Grip/>
        </button>
    }
}
