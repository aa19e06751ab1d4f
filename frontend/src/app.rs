//! The app's root: language, theme and session state, and the routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::{Protected, Toaster, Toasts};
use crate::i18n::I18n;
use crate::pages::{
    AcceptInvitePage, AuditPage, DashboardPage, ForgotPasswordPage, LoginPage, MatrixPage,
    MemberPage, NotFoundPage, ProfilePage, ResetPasswordPage, RolesPage, SignupPage, TeamPage,
    VerifyEmailPage,
};
use crate::sections::Section;
use crate::session::Session;
use crate::theme::Themes;

#[component]
pub fn App() -> impl IntoView {
    I18n::provide();
    Themes::provide();
    Toasts::provide();
    let session = Session::provide();
    session.resume();
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
                <Route
                    path=path!("/profile")
                    view=|| view! { <Protected section=Section::Profile><ProfilePage/></Protected> }
                />
                <Route
                    path=path!("/team")
                    view=|| view! { <Protected section=Section::Team><TeamPage/></Protected> }
                />
                <Route
                    path=path!("/team/:id")
                    view=|| view! { <Protected section=Section::Team><MemberPage/></Protected> }
                />
                <Route
                    path=path!("/roles")
                    view=|| view! { <Protected section=Section::Roles><RolesPage/></Protected> }
                />
                <Route
                    path=path!("/roles/matrix")
                    view=|| view! { <Protected section=Section::Matrix><MatrixPage/></Protected> }
                />
                <Route
                    path=path!("/audit")
                    view=|| view! { <Protected section=Section::Audit><AuditPage/></Protected> }
                />
            </Routes>
        </Router>
    }
}
