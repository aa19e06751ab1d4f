//! The menu (note 002 `products.*`, note 000 §4 and §9): the categories on the left,
//! reordered by dragging their handle or with its arrow keys, "+ Add a category"; the
//! selected category's products on the right, in a table (photo, name, prices in the
//! restaurant's currency, allergens, station, availability), reordered the same way;
//! the product editor (details, variants and prices, modifier groups, photo) and the
//! availability dialog; and the guests' menu settings. Each action shows only to whom
//! holds its permission (the server refuses it anyway).

use brigade_domain::menu::{
    Allergen, AvailabilityRequest, Category, CreateCategoryRequest, CreateProductRequest,
    DietaryTag, MenuSettings, ModifierGroupInput, ModifierOptionInput, PriceInput, PricesRequest,
    Product, ProductOrder, ReorderRequest, Station, UpdateCategoryRequest,
    UpdateMenuSettingsRequest, UpdateProductRequest, VariantInput, VariantsRequest,
    CATEGORY_NAME_MAX, DEFAULT_TAX_RATE, DESCRIPTION_MAX, IMAGE_MAX_BYTES, PRODUCT_NAME_MAX,
    VARIANT_NAME_MAX,
};
use brigade_domain::money;
use brigade_domain::permissions::code;
use brigade_domain::validation::FieldError;
use chrono::{DateTime, Utc};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::reorder::{DragHandle, Reorder, ReorderHint};
use crate::components::{
    use_toasts, Confirm, EmptyState, Field, FieldMessage, FormAlert, FormErrors, Glyph, Icon,
    LabelledInput, Loaded, Modal, PageHeader,
};
use crate::format;
use crate::i18n::{tr, use_i18n, Lang, Text};
use crate::mutation::{mutation, run};
use crate::session::use_session;

/// The restaurant's currency: its code and its minor unit's decimals.
#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    pub currency: String,
    pub exponent: u8,
}

impl Money {
    /// The restaurant's, as the session's `/me` says (everyone who sees prices may
    /// read it, whatever they hold).
    pub async fn of_restaurant() -> Money {
        match api::me::me().await {
            Ok(me) => Money {
                currency: me.currency,
                exponent: me.currency_exponent,
            },
            Err(_) => Money {
                currency: "EUR".into(),
                exponent: 2,
            },
        }
    }

    pub fn show(&self, minor_units: i64, lang: Lang) -> String {
        format::amount(minor_units, &self.currency, self.exponent, lang)
    }
}

/// An amount as a person edits it: `4,50` in French and Italian, `4.50` in English.
pub fn typed_amount(minor_units: i64, exponent: u8, lang: Lang) -> String {
    local_decimal(money::decimal(minor_units, exponent), lang)
}

fn local_decimal(text: String, lang: Lang) -> String {
    if lang == Lang::En {
        text
    } else {
        text.replace('.', ",")
    }
}

/// Reads a typed amount exactly, or says which field is wrong.
pub fn read_amount(text: &str, exponent: u8, field: &str) -> Result<i64, FieldError> {
    money::parse_decimal(text, exponent)
        .ok_or_else(|| FieldError::new(field, "invalid_amount", "Write an amount such as 4.50."))
}

/// What the person may do here, read once.
#[derive(Debug, Clone, Copy)]
struct Can {
    categories: bool,
    create: bool,
    edit: bool,
    delete: bool,
    variants: bool,
    prices: bool,
    images: bool,
    availability: bool,
    priority: bool,
    view_settings: bool,
}

impl Can {
    fn now() -> Can {
        let session = use_session();
        let holds = |p| session.holds(p);
        Can {
            categories: holds(code::PRODUCTS_MANAGE_CATEGORIES),
            create: holds(code::PRODUCTS_CREATE),
            edit: holds(code::PRODUCTS_EDIT),
            delete: holds(code::PRODUCTS_DELETE),
            variants: holds(code::PRODUCTS_MANAGE_VARIANTS),
            prices: holds(code::PRODUCTS_SET_PRICES),
            images: holds(code::PRODUCTS_UPLOAD_IMAGES),
            availability: holds(code::PRODUCTS_SET_AVAILABILITY),
            priority: holds(code::PRODUCTS_SET_PRIORITY),
            view_settings: holds(code::PUBLIC_MENU_VIEW_SETTINGS),
        }
    }
}

/// The categories, every product and the currency, read together.
#[derive(Debug, Clone, PartialEq)]
struct Menu {
    categories: Vec<Category>,
    products: Vec<Product>,
    money: Money,
}

async fn menu() -> Result<Menu, ApiError> {
    let (categories, products, money) = futures::join!(
        api::menu::categories(),
        api::menu::products(),
        Money::of_restaurant()
    );
    Ok(Menu {
        categories: categories?,
        products: products?,
        money,
    })
}

#[component]
pub fn MenuPage() -> impl IntoView {
    let i18n = use_i18n();
    let resource = LocalResource::new(menu);
    let title = Signal::derive(move || i18n.t().menu_title.to_owned());
    let can = Can::now();
    view! {
        <div class="page wide" data-page="menu">
            <PageHeader title=title lead=|t: &Text| t.menu_lead>
                {use_session().holds(code::INVENTORY_VIEW).then(|| view! {
                    <a class="button" href="/stock">{tr(|t| t.stock_title)}</a>
                })}
            </PageHeader>
            <Loaded resource=resource children=move |menu: Menu| view! { <MenuEditor menu can/> }/>
            {can.view_settings.then(|| view! { <MenuSettingsCard/> })}
        </div>
    }
}

/// What the product dialog edits.
#[derive(Debug, Clone)]
enum Editing {
    New(Uuid),
    Existing(Box<Product>),
}

/// The menu once loaded, kept in a signal every change renews from the API, so what
/// changed is redrawn in place and focus stays where it was.
#[component]
fn MenuEditor(menu: Menu, can: Can) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let money = StoredValue::new(menu.money.clone());
    let state = RwSignal::new(menu);
    let chosen = RwSignal::new(None::<Uuid>);
    let adding = RwSignal::new(false);
    let reload = move || {
        leptos::task::spawn_local(async move {
            match self::menu().await {
                Ok(menu) => {
                    let _ = state.try_set(menu);
                }
                Err(error) => toasts.failed(error.message(i18n.t())),
            }
        })
    };
    let category = Memo::new(move |_| {
        state.with(|menu| {
            chosen
                .get()
                .and_then(|id| menu.categories.iter().find(|c| c.id == id))
                .or_else(|| menu.categories.first())
                .cloned()
        })
    });
    let selected = Signal::derive(move || category.with(|c| c.as_ref().map(|c| c.id)));
    let panel = move || {
        let category = category.get()?;
        Some(view! { <CategoryPanel category state money can reload/> })
    };
    view! {
        <div class="floor-layout menu-layout">
            <section class="card zone-column" aria-labelledby="categories-heading">
                <div class="zone-column-head">
                    <h2 id="categories-heading">{tr(|t| t.categories)}</h2>
                    {can.categories.then(|| view! {
                        <button class="button primary" type="button" data-action="add-category"
                            aria-expanded=move || adding.get().to_string()
                            on:click=move |_| adding.update(|open| *open = !*open)>
                            <Glyph icon=Icon::Plus/>{tr(|t| t.add_category)}
                        </button>
                    })}
                </div>
                <Show when=move || adding.get()>
                    <CategoryForm category=None
                        on_done=move |id| { adding.set(false); chosen.set(Some(id)); reload(); }
                        on_cancel=move || adding.set(false)/>
                </Show>
                <Show when=move || state.with(|menu| !menu.categories.is_empty())
                    fallback=|| view! { <EmptyState text=|t: &Text| t.no_categories/> }>
                    <CategoryList state selected choose=move |id| chosen.set(Some(id)) can reload/>
                </Show>
            </section>
            <div class="zone-main">{panel}</div>
        </div>
    }
}

/// Saves the menu's order: the newest order asked for, one call at a time, so moves
/// made while a call is under way are neither refused nor sent out of order.
#[derive(Clone, Copy)]
struct OrderSaver {
    wanted: StoredValue<Option<ReorderRequest>>,
    running: StoredValue<bool>,
    toasts: crate::components::Toasts,
    i18n: crate::i18n::I18n,
}

impl OrderSaver {
    fn new() -> Self {
        OrderSaver {
            wanted: StoredValue::new(None),
            running: StoredValue::new(false),
            toasts: use_toasts(),
            i18n: use_i18n(),
        }
    }

    fn send(self, request: ReorderRequest, reload: impl Fn() + 'static) {
        self.wanted.set_value(Some(request));
        if self.running.get_value() {
            return;
        }
        self.running.set_value(true);
        leptos::task::spawn_local(async move {
            while let Some(next) = self.wanted.try_get_value().flatten() {
                self.wanted.set_value(None);
                match api::menu::reorder(&next).await {
                    Ok(_) => self.toasts.done(|t| t.menu_reordered),
                    Err(error) => {
                        self.toasts
                            .failed(error.message(self.i18n.lang.get_untracked().text()));
                        self.wanted.set_value(None);
                        reload();
                    }
                }
            }
            let _ = self.running.try_set_value(false);
        });
    }
}

#[component]
fn CategoryList(
    state: RwSignal<Menu>,
    selected: Signal<Option<Uuid>>,
    choose: impl Fn(Uuid) + Copy + Send + Sync + 'static,
    can: Can,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let order = Memo::new(move |_| {
        state.with(|menu| menu.categories.iter().map(|c| c.id).collect::<Vec<_>>())
    });
    let save = OrderSaver::new();
    let reorder = Reorder::new("categories", order.into(), move |ids: Vec<Uuid>| {
        // Shown at once; the server's answer confirms it or the menu is read again.
        state.update(|menu| {
            menu.categories
                .sort_by_key(|c| ids.iter().position(|id| *id == c.id).unwrap_or(usize::MAX))
        });
        let request = ReorderRequest {
            category_ids: Some(ids),
            products: None,
        };
        save.send(request, reload);
    });
    view! {
        {can.priority.then(|| view! { <ReorderHint reorder/> })}
        <ol class="zone-list category-list">
            <For each=move || order.get() key=|id| *id let:id>
                {
                let row = Memo::new(move |_| state.with(|menu| menu.categories.iter().find(|c| c.id == id).cloned()));
                move || {
                    let category = row.get()?;
                    let name = category.name.clone();
                    Some(view! {
                        <li class="zone-item category-item" data-reorder="categories" data-id=id.to_string()
                            data-category=name.clone()
                            class:dragging=move || reorder.dragging(id)
                            class:drop-target=move || reorder.target(id)>
                            {can.priority.then(|| view! { <DragHandle reorder id name=name.clone() disabled=Signal::stored(false)/> })}
                            <button type="button" class="zone-select"
                                aria-pressed=move || (selected.get() == Some(id)).to_string()
                                on:click=move |_| choose(id)>
                                <span class="zone-name">{category.name.clone()}</span>
                                {(!category.is_active).then(|| view! { <span class="badge">{tr(|t| t.inactive)}</span> })}
                                <span class="hint">{move || { let lang = i18n.lang.get(); lang.plural(lang.text().product_count, category.products as usize) }}</span>
                            </button>
                        </li>
                    })
                }
                }
            </For>
        </ol>
    }
}

/// Creates a category (`category` is `None`) or changes one.
#[component]
fn CategoryForm(
    category: Option<Category>,
    on_done: impl Fn(Uuid) + Copy + Send + Sync + 'static,
    on_cancel: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let toasts = use_toasts();
    let errors = FormErrors::new();
    let existing = category.as_ref().map(|c| c.id);
    let name = RwSignal::new(
        category
            .as_ref()
            .map(|c| c.name.clone())
            .unwrap_or_default(),
    );
    let description = RwSignal::new(
        category
            .as_ref()
            .and_then(|c| c.description.clone())
            .unwrap_or_default(),
    );
    let active = RwSignal::new(category.as_ref().is_none_or(|c| c.is_active));
    let save = mutation();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match existing {
            None => {
                let request = CreateCategoryRequest {
                    name: name.get_untracked(),
                    description: Some(description.get_untracked()),
                    is_active: Some(active.get_untracked()),
                };
                errors.send(
                    save,
                    request.validate().err().unwrap_or_default(),
                    async move {
                        let created = api::menu::create_category(&request).await?;
                        toasts.done(|t| t.category_created);
                        on_done(created.id);
                        Ok(())
                    },
                );
            }
            Some(id) => {
                let request = UpdateCategoryRequest {
                    name: Some(name.get_untracked()),
                    description: Some(description.get_untracked()),
                    is_active: Some(active.get_untracked()),
                };
                errors.send(
                    save,
                    request.validate().err().unwrap_or_default(),
                    async move {
                        api::menu::update_category(id, &request).await?;
                        toasts.done(|t| t.category_saved);
                        on_done(id);
                        Ok(())
                    },
                );
            }
        }
    };
    view! {
        <form class="zone-form" on:submit=submit novalidate data-form="category">
            <FormAlert errors/>
            <Field label=|t: &Text| t.category_name name="name" value=name errors max=CATEGORY_NAME_MAX/>
            <div class="field">
                <label for="field-description">{tr(|t| t.description)}</label>
                <textarea id="field-description" name="description" rows="2" maxlength=DESCRIPTION_MAX.to_string()
                    prop:value=move || description.get()
                    on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                <FieldMessage errors field="description"/>
            </div>
            <label class="check">
                <input type="checkbox" name="is_active" prop:checked=move || active.get()
                    on:change=move |ev| active.set(event_target_checked(&ev))/>
                <span>{tr(|t| t.shown_on_menu)}</span>
            </label>
            <div class="form-actions">
                <button class="button primary" type="submit" disabled=move || save.pending().get()>
                    {tr(if existing.is_some() { |t: &Text| t.save } else { |t: &Text| t.create_category })}
                </button>
                <button class="button" type="button" on:click=move |_| on_cancel()>{tr(|t| t.cancel)}</button>
            </div>
        </form>
    }
}

#[component]
fn CategoryPanel(
    category: Category,
    state: RwSignal<Menu>,
    money: StoredValue<Money>,
    can: Can,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let editing_category = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let editing = RwSignal::new(None::<Editing>);
    let remove = mutation();
    let id = category.id;
    let products = Memo::new(move |_| {
        state.with(|menu| {
            menu.products
                .iter()
                .filter(|p| p.category_id == Some(id))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let delete = move || {
        run(remove, async move {
            match api::menu::delete_category(id).await {
                Ok(()) => {
                    toasts.done(|t| t.category_deleted);
                    reload();
                }
                Err(error) => {
                    deleting.set(false);
                    toasts.failed(error.message(i18n.t()));
                }
            }
            Ok(())
        });
    };
    let question = i18n
        .t()
        .delete_category_question
        .replace("{name}", &category.name);
    let for_form = category.clone();
    view! {
        <section class="card zone-panel" aria-labelledby="category-heading" data-category=category.name.clone()>
            <header class="zone-panel-head">
                <h2 id="category-heading">{category.name.clone()}
                    {(!category.is_active).then(|| view! { " " <span class="badge">{tr(|t| t.inactive)}</span> })}
                </h2>
                <div class="page-actions">
                    {can.categories.then(|| view! {
                        <button class="button" type="button" data-action="edit-category"
                            aria-expanded=move || editing_category.get().to_string()
                            on:click=move |_| editing_category.update(|o| *o = !*o)>{tr(|t| t.edit)}</button>
                        <button class="button danger" type="button" data-action="delete-category"
                            on:click=move |_| deleting.set(true)>{tr(|t| t.delete)}</button>
                    })}
                    {can.create.then(|| view! {
                        <button class="button primary" type="button" data-action="add-product"
                            on:click=move |_| editing.set(Some(Editing::New(id)))>
                            <Glyph icon=Icon::Plus/>{tr(|t| t.add_product)}
                        </button>
                    })}
                </div>
            </header>
            {category.description.clone().map(|text| view! { <p class="muted">{text}</p> })}
            <Show when=move || editing_category.get()>
                <CategoryForm category=Some(for_form.clone())
                    on_done=move |_| { editing_category.set(false); reload(); }
                    on_cancel=move || editing_category.set(false)/>
            </Show>
            <Show when=move || products.with(|all| !all.is_empty())
                fallback=|| view! { <EmptyState text=|t: &Text| t.no_products/> }>
                <ProductTable category_id=id products state money can editing reload/>
            </Show>
            <Show when=move || deleting.get()>
                <Confirm question=question.clone() confirm_label=i18n.t().delete cancel_label=i18n.t().cancel
                    busy=remove.pending() on_confirm=delete on_cancel=move || deleting.set(false)/>
            </Show>
            {move || editing.get().map(|what| {
                let categories = state.with_untracked(|menu| menu.categories.clone());
                view! {
                    <ProductDialog editing=what categories money can
                        on_close=move || editing.set(None)
                        on_saved=move || reload()/>
                }
            })}
        </section>
    }
}

/// A product's prices as a list shows them, one line per variant: `4,50 €`, or
/// `25 cl 3,00 €` and `50 cl 5,00 €`.
fn price_lines(product: &Product, money: &Money, lang: Lang) -> Vec<String> {
    if let [only] = product.variants.as_slice() {
        return vec![money.show(only.price, lang)];
    }
    product
        .variants
        .iter()
        .map(|v| {
            format!(
                "{} {}",
                v.name.as_deref().unwrap_or_default(),
                money.show(v.price, lang)
            )
        })
        .collect()
}

#[component]
fn ProductTable(
    category_id: Uuid,
    products: Memo<Vec<Product>>,
    state: RwSignal<Menu>,
    money: StoredValue<Money>,
    can: Can,
    editing: RwSignal<Option<Editing>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let order =
        Memo::new(move |_| products.with(|all| all.iter().map(|p| p.id).collect::<Vec<_>>()));
    let save = OrderSaver::new();
    let availability = RwSignal::new(None::<Product>);
    let reorder = Reorder::new("products", order.into(), move |ids: Vec<Uuid>| {
        state.update(|menu| {
            for product in menu.products.iter_mut() {
                if let Some(at) = ids.iter().position(|id| *id == product.id) {
                    product.display_order = at as i32;
                }
            }
            menu.products
                .sort_by_key(|p| (p.category_id, p.display_order));
        });
        let request = ReorderRequest {
            category_ids: None,
            products: Some(ProductOrder {
                category_id,
                product_ids: ids,
            }),
        };
        save.send(request, reload);
    });
    view! {
        {can.priority.then(|| view! { <ReorderHint reorder/> })}
        <table class="data-table products-table">
            <thead>
                <tr>
                    {can.priority.then(|| view! { <th scope="col"><span class="sr-only">{tr(|t| t.order)}</span></th> })}
                    <th scope="col"><span class="sr-only">{tr(|t| t.photo)}</span></th>
                    <th scope="col">{tr(|t| t.name)}</th>
                    <th scope="col">{tr(|t| t.price)}</th>
                    <th scope="col">{tr(|t| t.allergens)}</th>
                    <th scope="col">{tr(|t| t.station)}</th>
                    <th scope="col"><span class="sr-only">{tr(|t| t.action)}</span></th>
                </tr>
            </thead>
            <tbody>
                <For each=move || products.get() key=|p| (p.id, p.updated_at, p.available, p.display_order)
                    children=move |product| view! { <ProductRow product money can reorder busy=Signal::stored(false) editing availability/> }/>
            </tbody>
        </table>
        {move || availability.get().map(|product| view! {
            <AvailabilityDialog product on_close=move || availability.set(None) on_saved=move || reload()/>
        })}
    }
}

#[component]
fn ProductRow(
    product: Product,
    money: StoredValue<Money>,
    can: Can,
    reorder: Reorder,
    #[prop(into)] busy: Signal<bool>,
    editing: RwSignal<Option<Editing>>,
    availability: RwSignal<Option<Product>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = product.id;
    let name = product.name.clone();
    let prices = {
        let product = product.clone();
        move || {
            money
                .with_value(|m| price_lines(&product, m, i18n.lang.get()))
                .into_iter()
                .map(|line| view! { <span class="price-line">{line}</span> })
                .collect_view()
        }
    };
    let allergens = {
        let list = product.allergens.clone();
        move || {
            let lang = i18n.lang.get().code();
            list.iter()
                .map(|a| view! { <span class="chip">{a.label(lang)}</span> })
                .collect_view()
        }
    };
    let station = product.station;
    let until = product.unavailable_until;
    let for_edit = product.clone();
    let for_availability = product.clone();
    let thumbnail = product
        .image
        .as_ref()
        .map(|image| image.thumbnail_url.clone());
    view! {
        <tr data-reorder="products" data-id=id.to_string() data-product=name.clone()
            class:dragging=move || reorder.dragging(id)
            class:drop-target=move || reorder.target(id)
            class:inactive=!product.is_active>
            {can.priority.then(|| view! {
                <td class="handle-cell" data-label=tr(|t| t.order)><DragHandle reorder id name=name.clone() disabled=busy/></td>
            })}
            <td class="thumb-cell" data-label=tr(|t| t.photo)>
                {match thumbnail {
                    Some(url) => view! { <img class="thumb" src=url alt="" width="48" height="48" loading="lazy"/> }.into_any(),
                    None => view! { <span class="thumb thumb-empty" aria-hidden="true"></span> }.into_any(),
                }}
            </td>
            <td data-label=tr(|t| t.name)>
                <strong class="product-name">{name.clone()}</strong>
                {(!product.is_active).then(|| view! { " " <span class="badge" data-badge="inactive">{tr(|t| t.hidden_from_menu)}</span> })}
                {(!product.available).then(|| view! {
                    " " <span class="badge warning" data-badge="unavailable">{tr(|t| t.unavailable)}</span>
                    {until.map(|until| view! { <span class="hint until">{move || i18n.t().until_time.replace("{time}", &format::date_time(until, i18n.lang.get()))}</span> })}
                })}
            </td>
            <td data-label=tr(|t| t.price) class="price-cell">{prices}</td>
            <td data-label=tr(|t| t.allergens)>{allergens}</td>
            <td data-label=tr(|t| t.station)>{move || station.label(i18n.lang.get().code())}</td>
            <td class="row-actions" data-label=tr(|t| t.action)>
                {(can.edit || can.prices || can.variants || can.images || can.delete).then(|| view! {
                    <button class="button" type="button" data-action="edit-product"
                        on:click=move |_| editing.set(Some(Editing::Existing(Box::new(for_edit.clone()))))>{tr(|t| t.edit)}</button>
                })}
                {can.availability.then(|| view! {
                    <button class="button" type="button" data-action="availability"
                        on:click=move |_| availability.set(Some(for_availability.clone()))>{tr(|t| t.availability)}</button>
                })}
            </td>
        </tr>
    }
}

/// A variant being written.
#[derive(Debug, Clone, Copy)]
struct VariantDraft {
    key: u32,
    id: Option<Uuid>,
    name: RwSignal<String>,
    price: RwSignal<String>,
}

#[derive(Debug, Clone, Copy)]
struct OptionDraft {
    key: u32,
    id: Option<Uuid>,
    name: RwSignal<String>,
    delta: RwSignal<String>,
}

#[derive(Debug, Clone, Copy)]
struct GroupDraft {
    key: u32,
    id: Option<Uuid>,
    name: RwSignal<String>,
    min: RwSignal<String>,
    max: RwSignal<String>,
    options: RwSignal<Vec<OptionDraft>>,
}

/// Numbers the rows of a form, so each keeps its key when others come and go.
#[derive(Debug, Clone, Copy)]
struct Keys(StoredValue<u32>);

impl Keys {
    fn next(self) -> u32 {
        let key = self.0.get_value();
        self.0.set_value(key + 1);
        key
    }
}

/// One checkbox per value of a labelled set (allergens, dietary tags), ticked as
/// `selected` holds it.
fn check_boxes<T: Copy + PartialEq + Send + Sync + 'static>(
    all: &'static [T],
    name: &'static str,
    selected: RwSignal<Vec<T>>,
    code: fn(T) -> &'static str,
    label: fn(T, &str) -> &'static str,
    allowed: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    all.iter()
        .map(|value| {
            let value = *value;
            view! {
                <label class="check">
                    <input type="checkbox" name=name value=code(value) disabled=!allowed
                        prop:checked=move || selected.with(|set| set.contains(&value))
                        on:change=move |ev| checked_set(selected, value, event_target_checked(&ev))/>
                    <span>{move || label(value, i18n.lang.get().code())}</span>
                </label>
            }
        })
        .collect_view()
}

fn checked_set<T: Copy + PartialEq + Send + Sync + 'static>(
    set: RwSignal<Vec<T>>,
    value: T,
    on: bool,
) {
    set.update(|all| {
        all.retain(|known| *known != value);
        if on {
            all.push(value);
        }
    });
}

/// Reads the variants typed, as the API takes them, with the amounts that do not read.
fn variant_inputs(drafts: &[VariantDraft], exponent: u8) -> (Vec<VariantInput>, Vec<FieldError>) {
    let mut refused = Vec::new();
    let inputs = drafts
        .iter()
        .enumerate()
        .map(|(at, row)| {
            let name = row.name.get_untracked();
            let price = read_amount(
                &row.price.get_untracked(),
                exponent,
                &format!("variants[{at}].price"),
            )
            .unwrap_or_else(|error| {
                refused.push(error);
                0
            });
            VariantInput {
                id: row.id,
                name: (!name.trim().is_empty()).then(|| name.trim().to_owned()),
                price,
            }
        })
        .collect();
    (inputs, refused)
}

fn group_inputs(drafts: &[GroupDraft], exponent: u8) -> (Vec<ModifierGroupInput>, Vec<FieldError>) {
    let mut refused = Vec::new();
    let groups = drafts
        .iter()
        .enumerate()
        .map(|(g, group)| {
            let mut whole = |text: String, field: &str| -> Option<i64> {
                match text.trim().parse::<i64>() {
                    Ok(n) => Some(n),
                    Err(_) => {
                        refused.push(FieldError::new(
                            &format!("modifier_groups[{g}].{field}"),
                            "number",
                            "Enter a whole number.",
                        ));
                        None
                    }
                }
            };
            let min_choices = whole(group.min.get_untracked(), "min_choices");
            let max_choices = whole(group.max.get_untracked(), "max_choices");
            let options = group
                .options
                .get_untracked()
                .iter()
                .enumerate()
                .map(|(o, option)| {
                    let typed = option.delta.get_untracked();
                    let delta = if typed.trim().is_empty() {
                        0
                    } else {
                        read_amount(
                            &typed,
                            exponent,
                            &format!("modifier_groups[{g}].options[{o}].price_delta"),
                        )
                        .unwrap_or_else(|error| {
                            refused.push(error);
                            0
                        })
                    };
                    ModifierOptionInput {
                        id: option.id,
                        name: option.name.get_untracked().trim().to_owned(),
                        price_delta: Some(delta),
                    }
                })
                .collect();
            ModifierGroupInput {
                id: group.id,
                name: group.name.get_untracked().trim().to_owned(),
                min_choices,
                max_choices,
                options,
            }
        })
        .collect();
    (groups, refused)
}

/// The groups a product has, as the API takes them (to see whether they changed).
fn groups_of(product: &Product) -> Vec<ModifierGroupInput> {
    product
        .modifier_groups
        .iter()
        .map(|group| ModifierGroupInput {
            id: Some(group.id),
            name: group.name.clone(),
            min_choices: Some(i64::from(group.min_choices)),
            max_choices: Some(i64::from(group.max_choices)),
            options: group
                .options
                .iter()
                .map(|option| ModifierOptionInput {
                    id: Some(option.id),
                    name: option.name.clone(),
                    price_delta: Some(option.price_delta),
                })
                .collect(),
        })
        .collect()
}

/// The product editor: a new product of a category, or an existing one.
#[component]
fn ProductDialog(
    editing: Editing,
    categories: Vec<Category>,
    money: StoredValue<Money>,
    can: Can,
    on_close: impl Fn() + Copy + Send + Sync + 'static,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let lang = i18n.lang.get_untracked();
    let exponent = money.with_value(|m| m.exponent);
    let (category_id, original) = match editing {
        Editing::New(category) => (category, None),
        Editing::Existing(product) => (product.category_id.unwrap_or_default(), Some(*product)),
    };
    let original = StoredValue::new(original);
    let is_new = original.with_value(Option::is_none);
    let product = original.get_value();
    let keys = Keys(StoredValue::new(0));
    let name = RwSignal::new(product.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    let description = RwSignal::new(
        product
            .as_ref()
            .and_then(|p| p.description.clone())
            .unwrap_or_default(),
    );
    let category = RwSignal::new(category_id);
    let tax = RwSignal::new(local_decimal(
        money::rate_percent(product.as_ref().map_or(DEFAULT_TAX_RATE, |p| p.tax_rate)),
        lang,
    ));
    let station = RwSignal::new(product.as_ref().map_or(Station::Kitchen, |p| p.station));
    let allergens = RwSignal::new(
        product
            .as_ref()
            .map(|p| p.allergens.clone())
            .unwrap_or_default(),
    );
    let dietary = RwSignal::new(
        product
            .as_ref()
            .map(|p| p.dietary.clone())
            .unwrap_or_default(),
    );
    let active = RwSignal::new(product.as_ref().is_none_or(|p| p.is_active));
    let variant = move |id: Option<Uuid>, name: &str, price: &str| VariantDraft {
        key: keys.next(),
        id,
        name: RwSignal::new(name.to_owned()),
        price: RwSignal::new(price.to_owned()),
    };
    let variants = RwSignal::new(match &product {
        Some(p) => p
            .variants
            .iter()
            .map(|v| {
                variant(
                    Some(v.id),
                    v.name.as_deref().unwrap_or_default(),
                    &typed_amount(v.price, exponent, lang),
                )
            })
            .collect(),
        None => vec![variant(None, "", "")],
    });
    let option = move |id: Option<Uuid>, name: &str, delta: &str| OptionDraft {
        key: keys.next(),
        id,
        name: RwSignal::new(name.to_owned()),
        delta: RwSignal::new(delta.to_owned()),
    };
    let group = move |id: Option<Uuid>, name: &str, min: u8, max: u8, options: Vec<OptionDraft>| {
        GroupDraft {
            key: keys.next(),
            id,
            name: RwSignal::new(name.to_owned()),
            min: RwSignal::new(min.to_string()),
            max: RwSignal::new(max.to_string()),
            options: RwSignal::new(options),
        }
    };
    let groups = RwSignal::new(
        product
            .as_ref()
            .map(|p| {
                p.modifier_groups
                    .iter()
                    .map(|g| {
                        let options = g
                            .options
                            .iter()
                            .map(|o| {
                                option(
                                    Some(o.id),
                                    &o.name,
                                    &typed_amount(o.price_delta, exponent, lang),
                                )
                            })
                            .collect();
                        group(Some(g.id), &g.name, g.min_choices, g.max_choices, options)
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default(),
    );
    let image = RwSignal::new(product.as_ref().and_then(|p| p.image.clone()));
    let errors = FormErrors::new();
    let save = mutation();
    let deleting = RwSignal::new(false);
    let remove = mutation();
    let delete_question = original
        .with_value(|p| p.as_ref().map(|p| p.name.clone()))
        .map(|name| i18n.t().delete_product_question.replace("{name}", &name))
        .unwrap_or_default();
    let delete = move || {
        let Some(id) = original.with_value(|p| p.as_ref().map(|p| p.id)) else {
            return;
        };
        run(remove, async move {
            match api::menu::delete_product(id).await {
                Ok(archived) => {
                    if archived.is_some() {
                        toasts.done(|t| t.product_archived);
                    } else {
                        toasts.done(|t| t.product_deleted);
                    }
                    deleting.set(false);
                    on_saved();
                    on_close();
                }
                Err(error) => {
                    deleting.set(false);
                    toasts.failed(error.message(i18n.t()));
                }
            }
            Ok(())
        });
    };
    let details_allowed = is_new || can.edit;
    let prices_allowed = is_new || can.prices;
    let shape_allowed = can.variants;

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut refused = Vec::new();
        let tax_rate = match money::parse_decimal(&tax.get_untracked(), 2) {
            Some(rate) => rate,
            None => {
                refused.push(FieldError::new(
                    "tax_rate",
                    "invalid_amount",
                    "Write a rate such as 10 or 5.5.",
                ));
                0
            }
        };
        let (variant_list, bad) = variant_inputs(&variants.get_untracked(), exponent);
        refused.extend(bad);
        let (group_list, bad) = group_inputs(&groups.get_untracked(), exponent);
        refused.extend(bad);
        let allergen_codes = allergens
            .get_untracked()
            .iter()
            .map(|a| a.as_str().to_owned())
            .collect::<Vec<_>>();
        let dietary_codes = dietary
            .get_untracked()
            .iter()
            .map(|d| d.as_str().to_owned())
            .collect::<Vec<_>>();
        let typed_description = description.get_untracked();
        match original.get_value() {
            None => {
                let single = variant_list.len() == 1 && variant_list[0].name.is_none();
                let request = CreateProductRequest {
                    category_id: category.get_untracked(),
                    name: name.get_untracked(),
                    description: Some(typed_description),
                    price: single.then(|| variant_list[0].price),
                    variants: (!single).then_some(variant_list),
                    modifier_groups: (!group_list.is_empty()).then_some(group_list),
                    tax_rate: Some(tax_rate),
                    allergens: Some(allergen_codes),
                    dietary: Some(dietary_codes),
                    station: Some(station.get_untracked().as_str().to_owned()),
                    is_active: Some(active.get_untracked()),
                };
                if refused.is_empty() {
                    refused = request.validate().err().unwrap_or_default();
                }
                errors.send(save, refused, async move {
                    api::menu::create_product(&request).await?;
                    toasts.done(|t| t.product_created);
                    on_saved();
                    on_close();
                    Ok(())
                });
            }
            Some(before) => {
                let id = before.id;
                let details = UpdateProductRequest {
                    category_id: Some(category.get_untracked()),
                    name: Some(name.get_untracked()),
                    description: Some(typed_description),
                    tax_rate: (tax_rate != i64::from(before.tax_rate)).then_some(tax_rate),
                    allergens: Some(allergen_codes),
                    dietary: Some(dietary_codes),
                    station: Some(station.get_untracked().as_str().to_owned()),
                    is_active: Some(active.get_untracked()),
                };
                let shape_before = before
                    .variants
                    .iter()
                    .map(|v| (Some(v.id), v.name.clone()))
                    .collect::<Vec<_>>();
                let shape_now = variant_list
                    .iter()
                    .map(|v| (v.id, v.name.clone()))
                    .collect::<Vec<_>>();
                let reshaped = shape_before != shape_now || groups_of(&before) != group_list;
                let repriced = before
                    .variants
                    .iter()
                    .zip(&variant_list)
                    .any(|(old, new)| old.price != new.price);
                let variants_request = (reshaped && shape_allowed).then(|| VariantsRequest {
                    variants: variant_list.clone(),
                    modifier_groups: group_list.clone(),
                });
                let prices_request = (!reshaped && repriced && can.prices).then(|| PricesRequest {
                    prices: variant_list
                        .iter()
                        .filter_map(|v| {
                            v.id.map(|id| PriceInput {
                                variant_id: id,
                                price: v.price,
                            })
                        })
                        .collect(),
                });
                if refused.is_empty() {
                    if can.edit {
                        refused.extend(details.validate().err().unwrap_or_default());
                    }
                    if let Some(request) = &variants_request {
                        refused.extend(request.validate().err().unwrap_or_default());
                    }
                    if let Some(request) = &prices_request {
                        refused.extend(request.validate().err().unwrap_or_default());
                    }
                }
                let edit = can.edit;
                errors.send(save, refused, async move {
                    if edit {
                        api::menu::update_product(id, &details).await?;
                    }
                    if let Some(request) = variants_request {
                        api::menu::replace_variants(id, &request).await?;
                    }
                    if let Some(request) = prices_request {
                        api::menu::set_prices(id, &request).await?;
                    }
                    toasts.done(|t| t.product_saved);
                    on_saved();
                    on_close();
                    Ok(())
                });
            }
        }
    };

    let title = Signal::derive(move || {
        let t = i18n.t();
        match original.with_value(|p| p.as_ref().map(|p| p.name.clone())) {
            Some(name) => t.edit_product.replace("{name}", &name),
            None => t.new_product.to_owned(),
        }
    });
    let category_options = categories
        .iter()
        .map(|c| {
            let id = c.id;
            view! { <option value=id.to_string() selected=id == category_id>{c.name.clone()}</option> }
        })
        .collect_view();
    let station_options = Station::ALL
        .iter()
        .map(|s| {
            let s = *s;
            view! { <option value=s.as_str() selected=move || station.get() == s>{move || s.label(i18n.lang.get().code())}</option> }
        })
        .collect_view();
    let allergen_boxes = check_boxes(
        Allergen::ALL,
        "allergens",
        allergens,
        Allergen::as_str,
        Allergen::label,
        details_allowed,
    );
    let dietary_boxes = check_boxes(
        DietaryTag::ALL,
        "dietary",
        dietary,
        DietaryTag::as_str,
        DietaryTag::label,
        details_allowed,
    );
    let variant_field = move |key: u32, part: &'static str| {
        Signal::derive(move || {
            let at = variants
                .with(|all| all.iter().position(|row| row.key == key))
                .unwrap_or(0);
            format!("variants[{at}].{part}")
        })
    };
    let group_field = move |key: u32, part: &'static str| {
        Signal::derive(move || {
            let at = groups
                .with(|all| all.iter().position(|row| row.key == key))
                .unwrap_or(0);
            format!("modifier_groups[{at}].{part}")
        })
    };
    let touched = RwSignal::new(false);
    view! {
        <Modal title id="product-title" on_close wide=true focus="#product-name" unsaved=touched>
            <form class="form product-form" on:submit=submit novalidate data-form="product"
                on:input=move |_| touched.set(true)>
                <FormAlert errors/>
                <fieldset class="plain" disabled=!details_allowed>
                    <LabelledInput id="product-name".into() label=|t: &Text| t.name value=name errors field="name" max=PRODUCT_NAME_MAX/>
                    <div class="field">
                        <label for="product-description">{tr(|t| t.description)}</label>
                        <textarea id="product-description" rows="2" maxlength=DESCRIPTION_MAX.to_string()
                            prop:value=move || description.get()
                            on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                        <FieldMessage errors field="description"/>
                    </div>
                    <div class="field-row">
                        <div class="field">
                            <label for="product-category">{tr(|t| t.category)}</label>
                            <select id="product-category" on:change=move |ev| {
                                if let Ok(id) = event_target_value(&ev).parse() { category.set(id) }
                            }>{category_options}</select>
                        </div>
                        <div class="field">
                            <label for="product-station">{tr(|t| t.station)}</label>
                            <select id="product-station" on:change=move |ev| {
                                if let Some(s) = Station::parse(&event_target_value(&ev)) { station.set(s) }
                            }>{station_options}</select>
                        </div>
                        <LabelledInput id="product-tax".into() label=|t: &Text| t.tax_rate_percent value=tax errors field="tax_rate" inputmode="decimal" class="narrow" disabled=!prices_allowed/>
                    </div>
                    <fieldset class="field checks" data-field="allergens">
                        <legend>{tr(|t| t.allergens)}</legend>
                        <div class="check-grid">{allergen_boxes}</div>
                    </fieldset>
                    <fieldset class="field checks" data-field="dietary">
                        <legend>{tr(|t| t.dietary_tags)}</legend>
                        <div class="check-grid">{dietary_boxes}</div>
                    </fieldset>
                    <label class="check">
                        <input type="checkbox" name="is_active" prop:checked=move || active.get()
                            on:change=move |ev| active.set(event_target_checked(&ev))/>
                        <span>{tr(|t| t.shown_on_menu)}</span>
                    </label>
                </fieldset>

                <fieldset class="field variants" data-field="variants">
                    <legend>{tr(|t| t.variants_and_prices)}</legend>
                    <p class="hint">{tr(|t| t.variants_hint)}</p>
                    <FieldMessage errors field="variants"/>
                    <FieldMessage errors field="price"/>
                    <ul class="plain-list rows">
                        <For each=move || variants.get() key=|row| row.key let:row>
                            <li class="variant-row">
                                <LabelledInput id=format!("variant-name-{}", row.key) label=|t: &Text| t.variant_name
                                    value=row.name errors field=variant_field(row.key, "name") max=VARIANT_NAME_MAX
                                    placeholder="50 cl"/>
                                <PriceInput id=format!("variant-price-{}", row.key) value=row.price errors
                                    field=variant_field(row.key, "price") disabled=!prices_allowed/>
                                {shape_allowed.then(|| view! {
                                    <Show when=move || variants.with(|all| all.len() > 1)>
                                        <button class="button ghost" type="button" data-action="remove-variant"
                                            on:click=move |_| variants.update(|all| all.retain(|r| r.key != row.key))>
                                            {tr(|t| t.remove)}
                                        </button>
                                    </Show>
                                })}
                            </li>
                        </For>
                    </ul>
                    {(shape_allowed && prices_allowed).then(|| view! {
                        <button class="button" type="button" data-action="add-variant"
                            on:click=move |_| { let row = variant(None, "", ""); variants.update(|all| all.push(row)); }>
                            <Glyph icon=Icon::Plus/>{tr(|t| t.add_variant)}
                        </button>
                    })}
                </fieldset>

                {move || (shape_allowed || groups.with(|all| !all.is_empty())).then(|| view! {
                    <fieldset class="field modifier-groups" data-field="modifier_groups" disabled=!shape_allowed>
                        <legend>{tr(|t| t.modifier_groups)}</legend>
                        <p class="hint">{tr(|t| t.modifier_groups_hint)}</p>
                        <ul class="plain-list rows">
                            <For each=move || groups.get() key=|g| g.key let:g>
                                <li class="modifier-group card">
                                    <div class="field-row">
                                        <LabelledInput id=format!("group-name-{}", g.key) label=|t: &Text| t.group_name
                                            value=g.name errors field=group_field(g.key, "name") max=VARIANT_NAME_MAX placeholder="Cuisson"/>
                                        <LabelledInput id=format!("group-min-{}", g.key) label=|t: &Text| t.min_choices
                                            value=g.min errors field=group_field(g.key, "min_choices") kind="number" inputmode="numeric" class="narrow"/>
                                        <LabelledInput id=format!("group-max-{}", g.key) label=|t: &Text| t.max_choices
                                            value=g.max errors field=group_field(g.key, "max_choices") kind="number" inputmode="numeric" class="narrow"/>
                                    </div>
                                    <FieldMessage errors field=group_field(g.key, "options")/>
                                    <ul class="plain-list rows">
                                        <For each=move || g.options.get() key=|o| o.key let:o>
                                            {
                                            let option_field = move |part: &'static str| Signal::derive(move || {
                                                let at = groups.with(|all| all.iter().position(|row| row.key == g.key)).unwrap_or(0);
                                                let o_at = g.options.with(|all| all.iter().position(|row| row.key == o.key)).unwrap_or(0);
                                                format!("modifier_groups[{at}].options[{o_at}].{part}")
                                            });
                                            view! {
                                                <li class="option-row">
                                                    <LabelledInput id=format!("option-name-{}", o.key) label=|t: &Text| t.option_name
                                                        value=o.name errors field=option_field("name") max=VARIANT_NAME_MAX/>
                                                    <PriceInput id=format!("option-delta-{}", o.key) value=o.delta errors
                                                        field=option_field("price_delta") disabled=false delta=true/>
                                                    <button class="button ghost" type="button" data-action="remove-option"
                                                        on:click=move |_| g.options.update(|all| all.retain(|r| r.key != o.key))>
                                                        {tr(|t| t.remove)}
                                                    </button>
                                                </li>
                                            }
                                            }
                                        </For>
                                    </ul>
                                    <div class="form-actions">
                                        <button class="button" type="button" data-action="add-option"
                                            on:click=move |_| { let row = option(None, "", ""); g.options.update(|all| all.push(row)); }>
                                            <Glyph icon=Icon::Plus/>{tr(|t| t.add_option)}
                                        </button>
                                        <button class="button ghost" type="button" data-action="remove-group"
                                            on:click=move |_| groups.update(|all| all.retain(|r| r.key != g.key))>
                                            {tr(|t| t.remove_group)}
                                        </button>
                                    </div>
                                </li>
                            </For>
                        </ul>
                        <button class="button" type="button" data-action="add-group"
                            on:click=move |_| {
                                let first = option(None, "", "");
                                let row = group(None, "", 0, 1, vec![first]);
                                groups.update(|all| all.push(row));
                            }>
                            <Glyph icon=Icon::Plus/>{tr(|t| t.add_group)}
                        </button>
                    </fieldset>
                })}

                <div class="form-actions">
                    <button class="button primary" type="submit" data-action="save-product" disabled=move || save.pending().get()>
                        {move || if save.pending().get() { i18n.t().saving } else if is_new { i18n.t().create_product } else { i18n.t().save }}
                    </button>
                    <button class="button" type="button" on:click=move |_| on_close()>{tr(|t| t.cancel)}</button>
                    {(!is_new && can.delete).then(|| view! {
                        <button class="button danger push-end" type="button" data-action="delete-product"
                            on:click=move |_| deleting.set(true)>{tr(|t| t.delete_product)}</button>
                    })}
                </div>
            </form>
            <Show when=move || deleting.get()>
                <Confirm question=delete_question.clone() confirm_label=i18n.t().delete cancel_label=i18n.t().cancel
                    busy=remove.pending() on_confirm=delete on_cancel=move || deleting.set(false)/>
            </Show>
            {move || (!is_new && can.images).then(|| {
                let id = original.with_value(|p| p.as_ref().map(|p| p.id)).unwrap_or_default();
                view! { <ImageCard id image on_saved/> }
            })}
        </Modal>
    }
}

/// An amount field: typed as a decimal number, read exactly when sent.
#[component]
fn PriceInput(
    id: String,
    value: RwSignal<String>,
    errors: FormErrors,
    #[prop(into)] field: Signal<String>,
    disabled: bool,
    #[prop(optional)] delta: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    let invalid = move || {
        let name = field.get();
        errors
            .fields
            .with(|all| all.iter().any(|e| e.field == name))
    };
    view! {
        <div class="field narrow">
            <label for=id.clone()>{move || if delta { i18n.t().price_delta } else { i18n.t().price }}</label>
            <input id=id inputmode="decimal" autocomplete="off" disabled=disabled
                placeholder=move || match (delta, i18n.lang.get() == Lang::En) {
                    // An option's change reads as free until one is typed.
                    (true, true) => "0.00",
                    (true, false) => "0,00",
                    (false, true) => "4.50",
                    (false, false) => "4,50",
                }
                aria-invalid=move || invalid().to_string() aria-describedby=error_id.clone()
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            <FieldMessage errors field id=error_id/>
        </div>
    }
}

/// Why a chosen image cannot be sent, before it is.
fn image_refusals(file: &web_sys::File) -> Vec<FieldError> {
    let kind = file.type_();
    if !matches!(kind.as_str(), "image/jpeg" | "image/png" | "image/webp") {
        return vec![FieldError::new("image", "image_type", "JPEG, PNG or WebP.")];
    }
    if file.size() > IMAGE_MAX_BYTES as f64 {
        return vec![FieldError::new("image", "image_too_large", "5 MB at most.")];
    }
    Vec::new()
}

#[component]
fn ImageCard(
    id: Uuid,
    image: RwSignal<Option<brigade_domain::menu::ProductImage>>,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let errors = FormErrors::new();
    let send = mutation();
    let removing = RwSignal::new(false);
    let upload = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        errors.send(send, image_refusals(&file), async move {
            let saved = api::menu::upload_image(id, &file).await?;
            image.set(saved.image);
            toasts.done(|t| t.photo_saved);
            on_saved();
            Ok(())
        });
    };
    let remove = move || {
        errors.send(send, Vec::new(), async move {
            let saved = api::menu::delete_image(id).await?;
            removing.set(false);
            image.set(saved.image);
            toasts.done(|t| t.photo_removed);
            on_saved();
            Ok(())
        });
    };
    view! {
        <section class="image-card" aria-labelledby="photo-heading">
            <h3 id="photo-heading">{tr(|t| t.photo)}</h3>
            <FormAlert errors/>
            {move || image.get().map(|img| view! {
                <img class="thumb large" src=img.thumbnail_url alt=move || i18n.t().photo_of_product data-field="thumbnail"/>
            })}
            <div class="form-actions">
                <label class="button" for="product-image">{tr(|t| t.choose_photo)}</label>
                <input id="product-image" class="file-input" type="file" accept="image/jpeg,image/png,image/webp"
                    aria-describedby="product-image-hint" on:change=upload/>
                {move || image.get().is_some().then(|| view! {
                    <button class="button danger" type="button" data-action="remove-photo"
                        on:click=move |_| removing.set(true)>{tr(|t| t.remove_photo)}</button>
                })}
            </div>
            <p class="hint" id="product-image-hint">{tr(|t| t.photo_hint)}</p>
            <FieldMessage errors field="image"/>
            <Show when=move || removing.get()>
                <Confirm question=i18n.t().remove_photo_question.to_owned() confirm_label=i18n.t().remove cancel_label=i18n.t().cancel
                    busy=send.pending() on_confirm=remove on_cancel=move || removing.set(false)/>
            </Show>
        </section>
    }
}

/// This moment, from the browser's clock.
fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// A time of day typed as `HH:MM`, as the next such moment (today, or tomorrow when it
/// has passed).
fn next_time(typed: &str) -> Option<DateTime<Utc>> {
    let (hours, minutes) = typed.trim().split_once(':')?;
    let (hours, minutes): (u32, u32) = (hours.parse().ok()?, minutes.parse().ok()?);
    let now = js_sys::Date::new_0();
    let at = js_sys::Date::new_0();
    at.set_hours(hours);
    at.set_minutes(minutes);
    at.set_seconds(0);
    at.set_milliseconds(0);
    let mut millis = at.get_time();
    if millis <= now.get_time() {
        millis += 86_400_000.0;
    }
    DateTime::from_timestamp_millis(millis as i64)
}

/// Makes a product, or one of its variants, unavailable ("rupture temporaire"),
/// optionally until a time, or available again.
#[component]
fn AvailabilityDialog(
    product: Product,
    on_close: impl Fn() + Copy + Send + Sync + 'static,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let current = RwSignal::new(product);
    let until = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let send = mutation();
    let id = current.with_untracked(|p| p.id);
    let change = move |available: bool, variant_id: Option<Uuid>| {
        let typed = until.get_untracked();
        let mut refused = Vec::new();
        let until = if available || typed.trim().is_empty() {
            None
        } else {
            let at = next_time(&typed);
            if at.is_none() {
                refused.push(FieldError::new("until", "invalid_time", "HH:MM"));
            }
            at
        };
        let request = AvailabilityRequest {
            available,
            variant_id,
            until,
        };
        errors.send(send, refused, async move {
            let saved = api::menu::set_availability(id, &request).await?;
            current.set(saved);
            if available {
                toasts.done(|t| t.made_available);
            } else {
                toasts.done(|t| t.made_unavailable);
            }
            on_saved();
            Ok(())
        });
    };
    let title = Signal::derive(move || {
        i18n.t()
            .availability_of
            .replace("{name}", &current.with(|p| p.name.clone()))
    });
    let state_text = move |available: bool, until: Option<DateTime<Utc>>| {
        let t = i18n.t();
        match (available, until) {
            (true, _) => t.available.to_owned(),
            (false, Some(until)) => format!(
                "{} — {}",
                t.unavailable,
                t.until_time
                    .replace("{time}", &format::date_time(until, i18n.lang.get()))
            ),
            (false, None) => t.unavailable.to_owned(),
        }
    };
    view! {
        <Modal title id="availability-title" on_close>
            <div class="form availability">
                <FormAlert errors/>
                <div class="field narrow">
                    <label for="field-until">{tr(|t| t.unavailable_until)}</label>
                    <input id="field-until" type="time" aria-describedby="field-until-hint"
                        prop:value=move || until.get() on:input=move |ev| until.set(event_target_value(&ev))/>
                    <p class="hint" id="field-until-hint">{tr(|t| t.unavailable_until_hint)}</p>
                    <FieldMessage errors field="until"/>
                </div>
                <div class="row-between availability-row" data-availability="product">
                    <p>
                        <strong>{tr(|t| t.whole_product)}</strong>
                        <span class="hint" data-field="state">{move || current.with(|p| state_text(!p.unavailable || p.unavailable_until.is_some_and(|u| u <= now()), p.unavailable_until))}</span>
                    </p>
                    {move || {
                        let unavailable = current.with(|p| p.unavailable);
                        view! {
                            <button class="button" class:primary=unavailable type="button" data-action="toggle-product"
                                disabled=move || send.pending().get()
                                on:click=move |_| change(unavailable, None)>
                                {tr(if unavailable { |t: &Text| t.make_available } else { |t: &Text| t.make_unavailable })}
                            </button>
                        }
                    }}
                </div>
                {move || {
                    let variants = current.with(|p| if p.variants.len() > 1 { p.variants.clone() } else { Vec::new() });
                    variants.into_iter().map(|v| {
                        let vid = v.id;
                        let unavailable = v.unavailable;
                        view! {
                            <div class="row-between availability-row" data-availability=v.name.clone().unwrap_or_default()>
                                <p>
                                    <strong>{v.name.clone().unwrap_or_default()}</strong>
                                    <span class="hint">{state_text(!v.unavailable, v.unavailable_until)}</span>
                                </p>
                                <button class="button" class:primary=unavailable type="button" data-action="toggle-variant"
                                    disabled=move || send.pending().get()
                                    on:click=move |_| change(unavailable, Some(vid))>
                                    {tr(if unavailable { |t: &Text| t.make_available } else { |t: &Text| t.make_unavailable })}
                                </button>
                            </div>
                        }
                    }).collect_view()
                }}
                <div class="form-actions">
                    <button class="button" type="button" on:click=move |_| on_close()>{tr(|t| t.close)}</button>
                </div>
            </div>
        </Modal>
    }
}

/// The guests' menu settings (`public_menu.*`): each switch is saved when changed.
#[component]
fn MenuSettingsCard() -> impl IntoView {
    let resource = LocalResource::new(api::menu::settings);
    view! {
        <section class="card menu-settings" aria-labelledby="menu-settings-heading">
            <h2 id="menu-settings-heading">{tr(|t| t.guest_menu_settings)}</h2>
            <p class="hint">{tr(|t| t.guest_menu_settings_lead)}</p>
            <Loaded resource=resource children=|settings: MenuSettings| view! { <MenuSettingsForm settings/> }/>
        </section>
    }
}

#[component]
fn MenuSettingsForm(settings: MenuSettings) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let session = use_session();
    let edit = session.holds(code::PUBLIC_MENU_EDIT_SETTINGS);
    let current = RwSignal::new(settings);
    let save = mutation();
    let switch = move |label: fn(&Text) -> &'static str,
                       key: &'static str,
                       read: fn(&MenuSettings) -> bool,
                       change: fn(bool) -> UpdateMenuSettingsRequest,
                       allowed: bool| {
        view! {
            <label class="check">
                <input type="checkbox" name=key disabled=move || !allowed || save.pending().get()
                    prop:checked=move || current.with(read)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let request = change(on);
                        run(save, async move {
                            match api::menu::update_settings(&request).await {
                                Ok(saved) => { current.set(saved); toasts.done(|t| t.menu_settings_saved); }
                                Err(error) => {
                                    toasts.failed(error.message(i18n.t()));
                                    current.update(|_| {});
                                }
                            }
                            Ok(())
                        });
                    }/>
                <span>{tr(label)}</span>
            </label>
        }
    };
    let prices = session.holds(code::PRODUCTS_SET_PRICES);
    let stock = session.holds(code::INVENTORY_EDIT);
    view! {
        <div class="switch-list menu-settings-form">
            {switch(|t| t.show_prices, "show_prices", |s| s.show_prices,
                |on| UpdateMenuSettingsRequest { show_prices: Some(on), ..Default::default() }, edit)}
            {switch(|t| t.show_unavailable, "show_unavailable", |s| s.show_unavailable,
                |on| UpdateMenuSettingsRequest { show_unavailable: Some(on), ..Default::default() }, edit)}
            {switch(|t| t.use_brand_color, "use_brand_color", |s| s.use_brand_color,
                |on| UpdateMenuSettingsRequest { use_brand_color: Some(on), ..Default::default() }, edit)}
            {switch(|t| t.prices_include_tax, "prices_include_tax", |s| s.prices_include_tax,
                |on| UpdateMenuSettingsRequest { prices_include_tax: Some(on), ..Default::default() }, edit && prices)}
            {switch(|t| t.allow_negative_stock, "allow_negative_stock", |s| s.allow_negative_stock,
                |on| UpdateMenuSettingsRequest { allow_negative_stock: Some(on), ..Default::default() }, edit && stock)}
        </div>
    }
}
