//! The onboarding's progress, a step marked done, and "configure later".

use brigade_domain::floor::Zone;
use brigade_domain::onboarding::{CompleteStepRequest, OnboardingProgress, OnboardingStep};

use super::session::{get, send_json};
use super::{urls, ApiError};

const NONE: Option<&()> = None;

pub async fn progress() -> Result<OnboardingProgress, ApiError> {
    get(&urls::onboarding()).await
}

pub async fn complete(step: OnboardingStep) -> Result<OnboardingProgress, ApiError> {
    send_json(
        "POST",
        &urls::onboarding_complete(),
        Some(&CompleteStepRequest { step }),
    )
    .await
}

pub async fn tables_later() -> Result<Zone, ApiError> {
    send_json("POST", &urls::onboarding_tables_later(), NONE).await
}
