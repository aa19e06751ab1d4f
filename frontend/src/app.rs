//! The app's root: language, theme and session state, and the routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, LazyRoute};

use crate::components::{Protected, Toaster, Toasts};
use crate::i18n::I18n;
use crate::pages::{
    AcceptInvitePage, AuditPage, DashboardPage, EstablishmentPage, ForgotPasswordPage, LoginPage,
    MatrixPage, MemberPage, MenuPage, NotFoundPage, OnboardingPage, ProfilePage, QrCodesPage,
    ResetPasswordPage, RolesPage, ServicePage, SignupPage, StockPage, TablesPage, TeamPage,
    VerifyEmailPage,
};
use crate::sections::Section;
use crate::session::Session;
use crate::theme::Themes;

/// The signed-in pages, in the groups whose code is downloaded together: a group is
/// one lazily loaded chunk (with the code it shares with other groups in chunks of
/// their own), fetched the first time one of its pages is opened, not with the app's
/// first load. Few groups keep the chunks large enough to compress well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    Profile,
    Team,
    Member,
    Roles,
    Matrix,
    Audit,
    Onboarding,
    Establishment,
    Tables,
    QrCodes,
    Service,
    Menu,
    Stock,
}

/// The team and a member's page.
#[leptos::lazy]
fn team_pages(page: Page) -> AnyView {
    match page {
        Page::Member => {
            view! { <Protected section=Section::Team><MemberPage/></Protected> }.into_any()
        }
        _ => view! { <Protected section=Section::Team><TeamPage/></Protected> }.into_any(),
    }
}

/// The roles and the owner's matrix.
#[leptos::lazy]
fn role_pages(page: Page) -> AnyView {
    match page {
        Page::Matrix => {
            view! { <Protected section=Section::Matrix><MatrixPage/></Protected> }.into_any()
        }
        _ => view! { <Protected section=Section::Roles><RolesPage/></Protected> }.into_any(),
    }
}

/// One's own profile and the audit trail.
#[leptos::lazy]
fn record_pages(page: Page) -> AnyView {
    match page {
        Page::Audit => {
            view! { <Protected section=Section::Audit><AuditPage/></Protected> }.into_any()
        }
        _ => view! { <Protected section=Section::Profile><ProfilePage/></Protected> }.into_any(),
    }
}

/// The restaurant's setup: the onboarding and the establishment (its settings,
/// opening hours and branding).
#[leptos::lazy]
fn setup_pages(page: Page) -> AnyView {
    match page {
        Page::Onboarding => {
            view! { <Protected section=Section::Onboarding><OnboardingPage/></Protected> }
                .into_any()
        }
        _ => view! { <Protected section=Section::Establishment><EstablishmentPage/></Protected> }
            .into_any(),
    }
}

/// The floor: the tables settings page and the QR codes' sheet.
#[leptos::lazy]
fn floor_pages(page: Page) -> AnyView {
    match page {
        Page::QrCodes => {
            view! { <Protected section=Section::QrCodes><QrCodesPage/></Protected> }.into_any()
        }
        _ => view! { <Protected section=Section::Tables><TablesPage/></Protected> }.into_any(),
    }
}

/// The service grid, the page staff open before a service.
#[leptos::lazy]
fn service_pages(_page: Page) -> AnyView {
    view! { <Protected section=Section::Service><ServicePage/></Protected> }.into_any()
}

/// The menu and its stock.
#[leptos::lazy]
fn menu_pages(_page: Page) -> AnyView {
    view! { <Protected section=Section::Menu><MenuPage/></Protected> }.into_any()
}

/// The stock, its movements and its ledger.
#[leptos::lazy]
fn stock_pages(_page: Page) -> AnyView {
    view! { <Protected section=Section::Stock><StockPage/></Protected> }.into_any()
}

/// Declares the route of a lazily loaded page; the router keeps the current page on
/// screen while its group is fetched.
macro_rules! lazy_page {
    ($route:ident, $group:ident, $page:ident) => {
        struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn view(_this: Self) -> AnyView {
                $group(Page::$page).await
            }
        }
    };
}

lazy_page!(ProfileRoute, record_pages, Profile);
lazy_page!(TeamRoute, team_pages, Team);
lazy_page!(MemberRoute, team_pages, Member);
lazy_page!(RolesRoute, role_pages, Roles);
lazy_page!(MatrixRoute, role_pages, Matrix);
lazy_page!(AuditRoute, record_pages, Audit);
lazy_page!(OnboardingRoute, setup_pages, Onboarding);
lazy_page!(EstablishmentRoute, setup_pages, Establishment);
lazy_page!(TablesRoute, floor_pages, Tables);
lazy_page!(QrCodesRoute, floor_pages, QrCodes);
lazy_page!(ServiceRoute, service_pages, Service);
lazy_page!(MenuRoute, menu_pages, Menu);
lazy_page!(StockRoute, stock_pages, Stock);

#[component]
pub fn App() -> impl IntoView {
    I18n::provide();
    Themes::provide();
    Toasts::provide();
    let session = Session::provide();
    session.resume();
    crate::live::Live::provide();
    view! {
        <Toaster/>
        <Router>
            <Routes fallback=|| view! { <NotFoundPage/> }>
                <Route path=path!("/login") view=LoginPage/>
                <Route path=path!("/signup") view=SignupPage/>
                <Route path=path!("/auth/accept-invite") view=AcceptInvitePage/>
                <Route path=path!("/auth/forgot-password") view=ForgotPasswordPage/>
                <Route path=path!("/auth/reset-password") view=ResetPasswordPage/>
                <Route path=path!("/auth/verify-email") view=VerifyEmailPage/>
                <Route
                    path=path!("/")
                    view=|| view! { <Protected section=Section::Dashboard><DashboardPage/></Protected> }
                />
                <Route path=path!("/profile") view={Lazy::<ProfileRoute>::new()}/>
                <Route path=path!("/team") view={Lazy::<TeamRoute>::new()}/>
                <Route path=path!("/team/:id") view={Lazy::<MemberRoute>::new()}/>
                <Route path=path!("/roles") view={Lazy::<RolesRoute>::new()}/>
                <Route path=path!("/roles/matrix") view={Lazy::<MatrixRoute>::new()}/>
                <Route path=path!("/onboarding") view={Lazy::<OnboardingRoute>::new()}/>
                <Route path=path!("/admin/settings/restaurant") view={Lazy::<EstablishmentRoute>::new()}/>
                <Route path=path!("/admin/settings/tables") view={Lazy::<TablesRoute>::new()}/>
                <Route path=path!("/admin/settings/tables/qr") view={Lazy::<QrCodesRoute>::new()}/>
                <Route path=path!("/service") view={Lazy::<ServiceRoute>::new()}/>
                <Route path=path!("/menu") view={Lazy::<MenuRoute>::new()}/>
                <Route path=path!("/stock") view={Lazy::<StockRoute>::new()}/>
                <Route path=path!("/audit") view={Lazy::<AuditRoute>::new()}/>
            </Routes>
        </Router>
    }
}
