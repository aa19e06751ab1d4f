//! Where the refresh token is kept between visits: IndexedDB, which every tab of the
//! origin sees consistently as soon as a write has committed — unlike `localStorage`,
//! whose writes reach other tabs' processes a moment later, long enough for a second
//! tab to spend a token that is already spent (and so end the session). Browsers
//! without IndexedDB fall back to `localStorage`.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

use crate::storage;

const DATABASE: &str = "brigade";
const STORE: &str = "session";
const KEY: &str = "refresh_token";

/// Waits for the first event a handler armed by `arm` receives, then disarms it.
async fn next_event(arm: impl Fn(Option<&js_sys::Function>)) -> Option<web_sys::Event> {
    let resolver: Rc<RefCell<Option<js_sys::Function>>> = Rc::default();
    let slot = Rc::clone(&resolver);
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        *slot.borrow_mut() = Some(resolve);
    });
    let handler = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        if let Some(resolve) = resolver.borrow_mut().take() {
            let _ = resolve.call1(&JsValue::NULL, &event);
        }
    });
    arm(Some(handler.as_ref().unchecked_ref()));
    let event = JsFuture::from(promise).await;
    arm(None);
    drop(handler);
    event.ok()?.dyn_into().ok()
}

/// The result of a request, once it succeeded.
async fn finish(request: &IdbRequest) -> Option<JsValue> {
    let event = next_event(|handler| {
        request.set_onsuccess(handler);
        request.set_onerror(handler);
    })
    .await?;
    (event.type_() == "success")
        .then(|| request.result().ok())
        .flatten()
}

async fn open() -> Option<IdbDatabase> {
    let factory = web_sys::window()?.indexed_db().ok()??;
    let request: IdbOpenDbRequest = factory.open_with_u32(DATABASE, 1).ok()?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        let database = event
            .target()
            .and_then(|target| target.dyn_into::<IdbRequest>().ok())
            .and_then(|request| request.result().ok())
            .and_then(|result| result.dyn_into::<IdbDatabase>().ok());
        if let Some(database) = database {
            let _ = database.create_object_store(STORE);
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let opened = finish(&request).await;
    request.set_onupgradeneeded(None);
    drop(upgrade);
    opened?.dyn_into().ok()
}

/// Writes (`Some`) or deletes (`None`) the token, and waits until it is committed.
async fn write(database: &IdbDatabase, token: Option<&str>) -> bool {
    let Ok(transaction) =
        database.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
    else {
        return false;
    };
    let Ok(store) = transaction.object_store(STORE) else {
        return false;
    };
    let queued = match token {
        Some(token) => store.put_with_key(&JsValue::from_str(token), &JsValue::from_str(KEY)),
        None => store.delete(&JsValue::from_str(KEY)),
    };
    if queued.is_err() {
        return false;
    }
    next_event(|handler| {
        transaction.set_oncomplete(handler);
        transaction.set_onerror(handler);
        transaction.set_onabort(handler);
    })
    .await
    .is_some_and(|event| event.type_() == "complete")
}

/// The kept refresh token, if any.
pub async fn load() -> Option<String> {
    let Some(database) = open().await else {
        return storage::get(KEY);
    };
    let request = database
        .transaction_with_str(STORE)
        .and_then(|transaction| transaction.object_store(STORE))
        .and_then(|store| store.get(&JsValue::from_str(KEY)))
        .ok()?;
    let token = finish(&request).await?.as_string();
    database.close();
    token
}

/// Keeps a new refresh token (replacing the spent one).
pub async fn keep(token: &str) {
    match open().await {
        Some(database) => {
            if !write(&database, Some(token)).await {
                storage::set(KEY, token);
            }
            database.close();
        }
        None => storage::set(KEY, token),
    }
}

/// Forgets the refresh token.
pub async fn forget() {
    if let Some(database) = open().await {
        write(&database, None).await;
        database.close();
    }
    storage::remove(KEY);
}
