//! The onboarding's five steps (note 001 §A1) and a restaurant's progress through them:
//! the current step is the first one not done, so a person who leaves resumes there.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// A step, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OnboardingStep {
    /// Name, address, language, time zone, currency, opening hours.
    Establishment,
    /// The zones and their tables: complete, minimum, or "configure later".
    Tables,
    /// A logo and a main colour.
    Branding,
    /// The menu (may be skipped).
    Menu,
    /// A summary, and the QR codes' sheet.
    Launch,
}

impl OnboardingStep {
    pub const ALL: [OnboardingStep; 5] = [
        OnboardingStep::Establishment,
        OnboardingStep::Tables,
        OnboardingStep::Branding,
        OnboardingStep::Menu,
        OnboardingStep::Launch,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OnboardingStep::Establishment => "establishment",
            OnboardingStep::Tables => "tables",
            OnboardingStep::Branding => "branding",
            OnboardingStep::Menu => "menu",
            OnboardingStep::Launch => "launch",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|step| step.as_str() == name)
    }
}

/// One step and whether it is done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StepState {
    pub step: OnboardingStep,
    pub done: bool,
}

/// Where a restaurant is in its onboarding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OnboardingProgress {
    /// The five steps in order.
    pub steps: Vec<StepState>,
    /// The first step not done; none once every step is.
    pub current: Option<OnboardingStep>,
    /// When the launch step was done.
    pub finished_at: Option<DateTime<Utc>>,
}

impl OnboardingProgress {
    pub fn of(done: &[OnboardingStep], finished_at: Option<DateTime<Utc>>) -> Self {
        let steps: Vec<StepState> = OnboardingStep::ALL
            .into_iter()
            .map(|step| StepState {
                step,
                done: done.contains(&step),
            })
            .collect();
        let current = steps.iter().find(|s| !s.done).map(|s| s.step);
        Self {
            steps,
            current,
            finished_at,
        }
    }
}

/// Marks a step done (skipping the menu is doing it).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CompleteStepRequest {
    pub step: OnboardingStep,
}

/// The steps that must be done before the launch.
pub const BEFORE_LAUNCH: [OnboardingStep; 2] =
    [OnboardingStep::Establishment, OnboardingStep::Tables];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_step_is_the_first_not_done() {
        let progress = OnboardingProgress::of(&[OnboardingStep::Establishment], None);
        assert_eq!(progress.current, Some(OnboardingStep::Tables));
        let all = OnboardingProgress::of(&OnboardingStep::ALL, None);
        assert_eq!(all.current, None);
    }

    #[test]
    fn a_step_reads_back_from_its_name() {
        for step in OnboardingStep::ALL {
            assert_eq!(OnboardingStep::parse(step.as_str()), Some(step));
        }
        assert_eq!(OnboardingStep::parse("payment"), None);
    }
}
