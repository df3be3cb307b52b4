//! Goal Attainment Scaling (GAS) T-scores.
//!
//! Each client's goals are rated −2 … +2 at follow-up (0 = the expected outcome). Kiresuk &
//! Sherman (1968) combine a client's goals into one T-score with mean 50 and SD 10 when
//! goals are met as expected:
//!
//! T = 50 + 10·Σwᵢxᵢ / √((1 − ρ)·Σwᵢ² + ρ·(Σwᵢ)²)
//!
//! with xᵢ the level reached, wᵢ the weight (1 for unweighted goals) and ρ the assumed
//! correlation between goal scores, 0.3 by convention.

use rakenne_model::{GasGoal, GasLevel, GasWeight};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Error;

/// Running sums of one client's goals: Σwᵢxᵢ, Σwᵢ, Σwᵢ² and the number of goals.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct GasSums {
    weighted: f64,
    sum_w: f64,
    sum_w2: f64,
    pub(crate) goals: u32,
}

impl GasSums {
    /// Adds a goal that reached `level` with `weight`.
    pub(crate) fn add(&mut self, level: GasLevel, weight: GasWeight) {
        let w = f64::from(weight.value());
        self.weighted += w * f64::from(level.value());
        self.sum_w += w;
        self.sum_w2 += w * w;
        self.goals += 1;
    }
}

/// How GAS levels are combined into a T-score: the assumed inter-goal correlation ρ.
///
/// # Example
/// ```
/// use rakenne_metrics::GasScoring;
/// use rakenne_model::{GasLevel, GasWeight};
///
/// let gas = GasScoring::default(); // ρ = 0.3
/// let goals = [(GasLevel::new(1)?, GasWeight::UNWEIGHTED), (GasLevel::new(0)?, GasWeight::UNWEIGHTED)];
/// // Σx = 1, √(0.7·2 + 0.3·4) = √2.6.
/// let t = gas.t_score(&goals).unwrap();
/// assert!((t - (50.0 + 10.0 / 2.6f64.sqrt())).abs() < 1e-12);
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GasScoring {
    /// The assumed correlation between goal scores, 0 ≤ ρ < 1.
    rho: f64,
}

impl Default for GasScoring {
    /// ρ = 0.3, the value Kiresuk & Sherman (1968) recommend.
    fn default() -> Self {
        GasScoring { rho: 0.3 }
    }
}

impl GasScoring {
    /// Scoring with correlation `rho` (0 ≤ ρ < 1).
    pub fn new(rho: f64) -> Result<Self, Error> {
        if (0.0..1.0).contains(&rho) {
            Ok(GasScoring { rho })
        } else {
            Err(Error::InvalidParameter {
                name: "GAS inter-goal correlation",
                value: rho.to_string(),
                expected: "at least 0 and below 1 (0.3 by convention)".into(),
            })
        }
    }

    /// ρ.
    pub fn rho(&self) -> f64 {
        self.rho
    }

    /// The T-score of one client's goals (level reached and weight of each); needs at least
    /// one goal.
    pub fn t_score(&self, goals: &[(GasLevel, GasWeight)]) -> Result<f64, Error> {
        if goals.is_empty() {
            return Err(Error::TooFewObservations {
                statistic: "GAS T-score",
                needed: 1,
                got: 0,
            });
        }
        let mut sums = GasSums::default();
        for &(level, weight) in goals {
            sums.add(level, weight);
        }
        Ok(self.t_from_sums(&sums))
    }

    /// T from the running sums of one client's goals (at least one goal).
    pub(crate) fn t_from_sums(self, sums: &GasSums) -> f64 {
        let GasSums {
            weighted,
            sum_w,
            sum_w2,
            ..
        } = *sums;
        50.0 + 10.0 * weighted / ((1.0 - self.rho) * sum_w2 + self.rho * sum_w * sum_w).sqrt()
    }

    /// The follow-up T-score of a client's evaluated goals (goals not yet evaluated are
    /// left out); an error when none is evaluated.
    pub fn follow_up_t_score<'a>(
        &self,
        goals: impl IntoIterator<Item = &'a GasGoal>,
    ) -> Result<f64, Error> {
        let levels: Vec<(GasLevel, GasWeight)> = goals
            .into_iter()
            .filter_map(|g| g.follow_up_level().map(|level| (level, g.weight())))
            .collect();
        self.t_score(&levels)
    }
}
