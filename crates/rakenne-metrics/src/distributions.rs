//! The sampling distributions behind the inferential statistics: Student's t (central and
//! noncentral), the standard normal and the chi-square upper tail.
//!
//! Special functions come from `statrs` (regularized incomplete beta, normal CDF and
//! quantile, log-gamma). Two things are built here on top of them, because `statrs` does
//! not provide them to the accuracy the tests demand:
//! - the t quantile is polished with Newton steps on `statrs`' CDF (its starting value,
//!   from an inverse incomplete beta, is good to about 1e-9 only);
//! - the noncentral t CDF, which `statrs` lacks, is the Poisson mixture of incomplete beta
//!   functions (Lenth 1989, AS 243), summed outward from the largest term as Benton &
//!   Krishnamoorthy (2003) recommend, so it stays accurate for large noncentrality.

use statrs::distribution::{ContinuousCDF, Normal, StudentsT};
use statrs::function::beta::beta_reg;
use statrs::function::gamma::ln_gamma;

use crate::Error;

/// The standard normal distribution.
fn standard_normal() -> Normal {
    Normal::standard()
}

/// The standard normal CDF Φ(x).
pub(crate) fn normal_cdf(x: f64) -> f64 {
    standard_normal().cdf(x)
}

/// The standard normal quantile Φ⁻¹(p), 0 < p < 1.
pub(crate) fn normal_quantile(p: f64) -> f64 {
    standard_normal().inverse_cdf(p)
}

/// Two-sided p-value of a standard normal statistic: 2·(1 − Φ(|z|)), computed as
/// `erfc(|z|/√2)` so that small p-values keep their precision.
pub(crate) fn normal_two_sided_p(z: f64) -> f64 {
    statrs::function::erf::erfc(z.abs() / std::f64::consts::SQRT_2)
}

/// The upper tail P(χ²_df > x) of the chi-square distribution: the regularized upper
/// incomplete gamma function Q(df/2, x/2), which keeps its precision far in the tail
/// (no `1 − cdf` cancellation).
pub(crate) fn chi_squared_sf(x: f64, df: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    statrs::function::gamma::checked_gamma_ur(df / 2.0, x / 2.0).unwrap_or(f64::NAN)
}

/// Two-sided p-value of a t statistic with `df` degrees of freedom:
/// P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, 1/2), the regularized incomplete beta function, which
/// keeps its precision for small p (no `1 − cdf` cancellation).
pub(crate) fn t_two_sided_p(t: f64, df: f64) -> f64 {
    beta_reg(df / 2.0, 0.5, df / (df + t * t))
}

/// The quantile of Student's t with `df` degrees of freedom at probability `p`.
///
/// Starts from `statrs`' inverse (via the inverse incomplete beta function) and takes
/// Newton steps on the CDF until the step is below 1e-15 relative.
pub(crate) fn t_quantile(p: f64, df: f64) -> f64 {
    let Ok(dist) = StudentsT::new(0.0, 1.0, df) else {
        return f64::NAN;
    };
    let mut t = dist.inverse_cdf(p);
    for _ in 0..8 {
        let density = statrs::distribution::Continuous::pdf(&dist, t);
        if density <= 0.0 || !density.is_finite() {
            break;
        }
        let step = (dist.cdf(t) - p) / density;
        t -= step;
        if step.abs() <= 1e-15 * t.abs().max(1.0) {
            break;
        }
    }
    t
}

/// Weight below which terms of the noncentral t series are dropped. Every incomplete beta
/// value is at most 1, so the dropped tail is below this order in absolute terms.
const SERIES_EPSILON: f64 = 1e-17;

/// Most terms summed on each side of the largest term of the series; far more than
/// needed for any noncentrality that arises from real samples (the terms fall off like a
/// Poisson distribution, about ±8·√λ around its mode).
const SERIES_MAX_TERMS: u32 = 100_000;

/// The CDF of the noncentral t distribution, P(T ≤ t) for `df` degrees of freedom and
/// noncentrality `delta`.
///
/// For t ≥ 0, with x = t²/(t² + df) and λ = δ²/2 (Lenth 1989, eq. 2; Benton &
/// Krishnamoorthy 2003, eq. 2.3):
///
/// P(T ≤ t) = Φ(−δ) + ½ Σ_{j≥0} [ P_j · I_x(j + ½, df/2) + Q_j · I_x(j + 1, df/2) ]
///
/// with Poisson weights P_j = e^{−λ} λ^j / j! and Q_j = e^{−λ} λ^j δ / (√2 Γ(j + 3/2)).
/// The sum starts at the largest weight (j = ⌊λ⌋) and runs both ways until the weights are
/// negligible. For t < 0, P(T ≤ t; df, δ) = 1 − P(T ≤ −t; df, −δ).
pub(crate) fn noncentral_t_cdf(t: f64, df: f64, delta: f64) -> f64 {
    noncentral_t_cdf_and_slope(t, df, delta).0
}

/// [`noncentral_t_cdf`] and its derivative in δ, ∂F/∂δ (negative: the CDF falls as δ
/// grows), from the same series differentiated term by term:
///
/// ∂F/∂δ = −φ(δ) + ½ Σ_{j≥0} [ u_j·(P_j·I_x(j + ½, df/2) + Q_j·I_x(j + 1, df/2))
///                              + Q_j/δ · I_x(j + 1, df/2) ],   u_j = (j/λ − 1)·δ,
///
/// since ∂P_j/∂δ = u_j·P_j and ∂Q_j/∂δ = (u_j + 1/δ)·Q_j. The slope is NaN at δ = 0,
/// where the series has no term to differentiate (the CDF is then exact).
pub(crate) fn noncentral_t_cdf_and_slope(t: f64, df: f64, delta: f64) -> (f64, f64) {
    if t < 0.0 {
        // F(t; δ) = 1 − F(−t; −δ), so ∂F/∂δ (t; δ) = ∂F/∂δ (−t; −δ).
        let (upper, slope) = noncentral_t_cdf_and_slope(-t, df, -delta);
        return (1.0 - upper, slope);
    }
    let base = normal_cdf(-delta);
    let density = (-delta * delta / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
    if t == 0.0 {
        return (base, -density);
    }
    let x = t * t / (t * t + df);
    let b = df / 2.0;
    let lambda = delta * delta / 2.0;
    if lambda == 0.0 {
        // Central case: only j = 0 contributes, with P₀ = 1 and Q₀ = 0.
        return ((base + 0.5 * beta_reg(0.5, b, x)).clamp(0.0, 1.0), f64::NAN);
    }
    // The series is summed from its largest weight outward. At the start the weights and
    // incomplete beta values are computed directly (through logs, so nothing underflows);
    // every other term follows by recurrence (Lenth 1989):
    //   P_{j+1} = P_j·λ/(j+1),   Q_{j+1} = Q_j·λ/(j+3/2),
    //   I_x(a+1, b) = I_x(a, b) − g(a),   g(a) = Γ(a+b)/(Γ(a+1)Γ(b))·x^a·(1−x)^b,
    //   g(a+1) = g(a)·x·(a+b)/(a+1),
    // and the same relations solved for the step backward.
    let mode = lambda.floor();
    let ln_lambda = lambda.ln();
    let ln_p = |j: f64| -lambda + j * ln_lambda - ln_gamma(j + 1.0);
    let ln_q = |j: f64| {
        -lambda + j * ln_lambda + delta.abs().ln()
            - std::f64::consts::LN_2 / 2.0
            - ln_gamma(j + 1.5)
    };
    let ln_g = |a: f64| {
        ln_gamma(a + b) - ln_gamma(a + 1.0) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()
    };
    let sign = delta.signum();
    let (p0, q0) = (ln_p(mode).exp(), ln_q(mode).exp());
    let (ia0, ib0) = (beta_reg(mode + 0.5, b, x), beta_reg(mode + 1.0, b, x));
    let (ga0, gb0) = (ln_g(mode + 0.5).exp(), ln_g(mode + 1.0).exp());
    let mut sum = p0 * ia0 + sign * q0 * ib0;
    // For the slope: Σ u_j·term_j and Σ Q_j·I_x(j + 1) (unsigned Q_j), u_j = (j/λ − 1)·δ.
    let delta_per_lambda = delta / lambda;
    let u = |j: f64| j * delta_per_lambda - delta;
    let mut moment = u(mode) * sum;
    let mut q_sum = q0 * ib0;

    // Forward: j = mode + 1, mode + 2, ...
    let (mut p, mut q, mut ia, mut ib, mut ga, mut gb) = (p0, q0, ia0, ib0, ga0, gb0);
    let mut j = mode;
    for _ in 0..SERIES_MAX_TERMS {
        let a = j + 0.5;
        ia = (ia - ga).max(0.0);
        ib = (ib - gb).max(0.0);
        ga *= x * (a + b) / (a + 1.0);
        gb *= x * (j + 1.0 + b) / (j + 2.0);
        j += 1.0;
        p *= lambda / j;
        q *= lambda / (j + 0.5);
        let term = p * ia + sign * q * ib;
        sum += term;
        moment += u(j) * term;
        q_sum += q * ib;
        if p + q < SERIES_EPSILON {
            break;
        }
    }
    // Backward: j = mode − 1, ..., 0.
    let (mut p, mut q, mut ia, mut ib, mut ga, mut gb) = (p0, q0, ia0, ib0, ga0, gb0);
    let mut j = mode;
    for _ in 0..SERIES_MAX_TERMS {
        if j < 1.0 {
            break;
        }
        // g(a − 1) = g(a)·a / (x·(a − 1 + b)).
        ga *= (j + 0.5) / (x * (j - 0.5 + b));
        gb *= (j + 1.0) / (x * (j + b));
        ia += ga;
        ib += gb;
        p *= j / lambda;
        q *= (j + 0.5) / lambda;
        j -= 1.0;
        let term = p * ia + sign * q * ib;
        sum += term;
        moment += u(j) * term;
        q_sum += q * ib;
        if p + q < SERIES_EPSILON {
            break;
        }
    }
    let slope = -density + 0.5 * (moment + q_sum / delta.abs());
    ((base + 0.5 * sum).clamp(0.0, 1.0), slope)
}

/// The confidence interval for the noncentrality parameter of a noncentral t distribution,
/// given an observed t: the δ_lo and δ_hi with P(T ≤ t_obs; df, δ_lo) = (1 + level)/2 and
/// P(T ≤ t_obs; df, δ_hi) = (1 − level)/2 (the pivot method of Steiger & Fouladi 1997, used
/// by R's `effectsize` for standardized mean differences).
///
/// Each limit is found by Newton steps from the normal approximation (with a bracketing
/// search as the fallback), to the CDF's resolution: about 1e-12 relative.
pub(crate) fn noncentral_t_interval(
    t_obs: f64,
    df: f64,
    level: f64,
    statistic: &'static str,
) -> Result<(f64, f64), Error> {
    let lower = ncp_for_probability(t_obs, df, f64::midpoint(1.0, level), statistic)?;
    let upper = ncp_for_probability(t_obs, df, (1.0 - level) / 2.0, statistic)?;
    Ok((lower, upper))
}

/// The δ with P(T ≤ t_obs; df, δ) = `target`.
///
/// The search starts where the normal approximation of the noncentral t for large df
/// (mean about δ, variance about 1 + δ²/(2·df)) puts the root: δ₀ = t_obs − Φ⁻¹(target)·s
/// with s = √(1 + t_obs²/(2·df)), usually within a few hundredths of s of it, and takes
/// Newton steps with the CDF's slope in δ ([`noncentral_t_cdf_and_slope`]): for the
/// limits of real data, two or three evaluations of the CDF (each a series of hundreds
/// of terms for the large t of national data).
///
/// Should Newton steps stall (few degrees of freedom, far from the approximation), a
/// bracketing search takes over from the closest δ met: it steps towards the root (the
/// CDF falls as δ grows), doubling the step, until the sign changes, so the bracket is a
/// small multiple of the remaining error wide; secant steps (Illinois steps where a
/// secant step would leave the bracket) then narrow it.
fn ncp_for_probability(
    t_obs: f64,
    df: f64,
    target: f64,
    statistic: &'static str,
) -> Result<f64, Error> {
    let f = |delta: f64| noncentral_t_cdf(t_obs, df, delta) - target;
    let not_bracketed = || Error::NotComputable {
        statistic,
        reason: "the confidence limit of the noncentral t distribution could not be \
                 bracketed"
            .into(),
    };
    let scale = (1.0 + t_obs * t_obs / (2.0 * df)).sqrt();
    let approximation = t_obs - normal_quantile(target) * scale;
    if !approximation.is_finite() {
        return Err(not_bracketed());
    }
    let (start, f_start) = match newton_steps(t_obs, df, target, approximation, scale) {
        Newton::Root(delta) => return Ok(delta),
        Newton::Closest(delta, miss) => (delta, miss),
        Newton::Failed => return Err(not_bracketed()),
    };
    // Towards the root: up while the CDF is above the target, down while below.
    let direction = if f_start > 0.0 { 1.0 } else { -1.0 };
    // The approximation's error shrinks like 1/√df (about 0.07·s/√df for the limits of
    // national data): a first step a few times that usually brackets the root at once,
    // and the narrower the bracket, the fewer Illinois steps follow.
    let mut step = 0.05 * scale * (3.0 / df.sqrt()).min(1.0);
    let (mut inner, mut f_inner) = (start, f_start);
    let (mut outer, mut f_outer);
    let mut widenings = 0;
    loop {
        outer = start + direction * step;
        f_outer = f(outer);
        if f_outer.is_nan() {
            return Err(not_bracketed());
        }
        if (f_outer > 0.0) != (f_start > 0.0) || f_outer == 0.0 {
            break;
        }
        widenings += 1;
        if widenings > 60 || !outer.is_finite() {
            return Err(not_bracketed());
        }
        (inner, f_inner) = (outer, f_outer);
        step *= 2.0;
    }
    if f_outer == 0.0 {
        return Ok(outer);
    }
    let ((mut lo, mut f_lo), (mut hi, mut f_hi)) = if direction > 0.0 {
        ((inner, f_inner), (outer, f_outer))
    } else {
        ((outer, f_outer), (inner, f_inner))
    };
    // Secant steps through the last two points (superlinear), kept inside the bracket:
    // a step that would leave it is replaced by the Illinois step of regula falsi.
    let (mut previous, mut f_previous) = (inner, f_inner);
    let (mut last, mut f_last) = (outer, f_outer);
    let mut side = 0i8;
    for _ in 0..200 {
        let secant = last - f_last * (last - previous) / (f_last - f_previous);
        let mid = if secant.is_finite() && lo < secant && secant < hi {
            secant
        } else {
            (lo * f_hi - hi * f_lo) / (f_hi - f_lo)
        };
        let f_mid = f(mid);
        if f_mid > 0.0 {
            lo = mid;
            f_lo = f_mid;
            if side == -1 {
                f_hi /= 2.0;
            }
            side = -1;
        } else {
            hi = mid;
            f_hi = f_mid;
            if side == 1 {
                f_lo /= 2.0;
            }
            side = 1;
        }
        // Done when the bracket is narrow, or when the CDF meets the target to within
        // its own rounding: a closer δ could not be told apart from this one.
        if hi - lo <= 1e-12 * mid.abs().max(1.0) || f_mid.abs() <= PROBABILITY_RESOLUTION {
            return Ok(mid);
        }
        (previous, f_previous) = (last, f_last);
        (last, f_last) = (mid, f_mid);
    }
    Ok(0.5 * (lo + hi))
}

/// Where [`newton_steps`] ended.
enum Newton {
    /// At the root, to the CDF's resolution.
    Root(f64),
    /// Stalled: the closest δ met and its miss F − target, for a bracketing search.
    Closest(f64, f64),
    /// Not even the first CDF was finite.
    Failed,
}

/// Newton steps on the CDF and its slope in δ towards the δ with
/// P(T ≤ t_obs; df, δ) = `target`, from `approximation`: each about squares the error, so
/// two or three evaluations usually reach the CDF's resolution. They go on while each
/// at least halves the miss |F − target| and is shorter than `scale`; otherwise the
/// closest δ met is handed to the bracketing search of [`ncp_for_probability`].
fn newton_steps(t_obs: f64, df: f64, target: f64, approximation: f64, scale: f64) -> Newton {
    // The closest δ met, its miss, and the length of the Newton step from it.
    let (mut start, mut f_start, mut start_step) = (approximation, f64::NAN, f64::INFINITY);
    let mut delta = approximation;
    for _ in 0..NEWTON_STEPS {
        let (cdf, slope) = noncentral_t_cdf_and_slope(t_obs, df, delta);
        let miss = cdf - target;
        if miss.abs() <= PROBABILITY_RESOLUTION {
            return Newton::Root(delta);
        }
        if !miss.is_finite() {
            break;
        }
        let first = f_start.is_nan();
        if !first && miss.abs() >= f_start.abs() {
            // The miss did not fall: the steps have reached the CDF's own rounding
            // (about 1e-11 for large noncentrality) if the closest δ was a step this
            // small from the root; otherwise they stalled.
            if start_step <= 1e-10 * start.abs().max(1.0) {
                return Newton::Root(start);
            }
            break;
        }
        let halved = first || miss.abs() <= 0.5 * f_start.abs();
        let step = miss / slope;
        let usable = slope < 0.0 && step.is_finite();
        (start, f_start, start_step) =
            (delta, miss, if usable { step.abs() } else { f64::INFINITY });
        // A step longer than the approximation's spread means the approximation was
        // poor (few degrees of freedom): bracketing is the safer way from here.
        if !halved || !usable || step.abs() > scale {
            break;
        }
        delta -= step;
        // A step this small is within the CDF's rounding: the root is found.
        if step.abs() <= 1e-12 * delta.abs().max(1.0) {
            return Newton::Root(delta);
        }
    }
    if f_start.is_nan() {
        Newton::Failed
    } else {
        Newton::Closest(start, f_start)
    }
}

/// Differences of probabilities this small are rounding: the CDF is a sum of hundreds of
/// terms, and a lower tail is one minus an upper one (about 1e-13 of noise at national
/// sizes). At the densities of real limits, |ΔF| ≤ 1e-13 puts δ within about 1e-12 of
/// the root.
const PROBABILITY_RESOLUTION: f64 = 1e-13;

/// Most Newton steps [`newton_steps`] takes.
const NEWTON_STEPS: usize = 8;

/// Hedges' small-sample correction J(df) = Γ(df/2) / (√(df/2) · Γ((df − 1)/2)), computed
/// exactly through log-gamma (Hedges 1981, eq. 6e; the form R's `effectsize` uses).
pub(crate) fn hedges_correction(df: f64) -> f64 {
    (ln_gamma(df / 2.0) - (df / 2.0).sqrt().ln() - ln_gamma((df - 1.0) / 2.0)).exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs().max(1e-300)
    }

    #[test]
    fn t_quantiles_match_closed_forms() {
        // For df = 1 (Cauchy) the quantile is tan(π(p − ½)); for df = 2 it is
        // (2p − 1)/√(2p(1 − p)) (e.g. Johnson, Kotz & Balakrishnan, ch. 28).
        for p in [0.6, 0.9, 0.975, 0.995, 0.025] {
            let cauchy = (std::f64::consts::PI * (p - 0.5)).tan();
            assert!(close(t_quantile(p, 1.0), cauchy, 1e-12), "df 1 p {p}");
            let two = (2.0 * p - 1.0) / (2.0 * p * (1.0 - p)).sqrt();
            assert!(close(t_quantile(p, 2.0), two, 1e-12), "df 2 p {p}");
        }
        // scipy 1.17: stats.t.ppf(0.975, 9) = 2.262157162798205, (0.975, 30) = 2.0422724563012378.
        assert!(close(t_quantile(0.975, 9.0), 2.262_157_162_798_205, 1e-12));
        assert!(close(
            t_quantile(0.975, 30.0),
            2.042_272_456_301_237_8,
            1e-12
        ));
    }

    #[test]
    fn t_p_values_match_the_quantiles() {
        // By definition the two-sided p at the 97.5 % quantile is 0.05.
        for df in [1.0, 2.0, 9.0, 30.0, 300.0] {
            let t = t_quantile(0.975, df);
            assert!(close(t_two_sided_p(t, df), 0.05, 1e-12), "df {df}");
        }
    }

    #[test]
    fn noncentral_t_with_zero_noncentrality_is_central_t() {
        for (t, df) in [(-2.0, 5.0), (0.3, 9.0), (1.7, 30.0), (4.0, 3.0)] {
            let central = StudentsT::new(0.0, 1.0, df).unwrap().cdf(t);
            assert!(
                close(noncentral_t_cdf(t, df, 0.0), central, 1e-13),
                "t {t} df {df}"
            );
        }
    }

    #[test]
    fn noncentral_t_at_zero_is_normal_tail() {
        // P(T ≤ 0; δ) = Φ(−δ) exactly, for every df.
        assert!(close(
            noncentral_t_cdf(0.0, 7.0, 1.5),
            normal_cdf(-1.5),
            1e-15
        ));
    }

    #[test]
    fn noncentral_t_large_df_approaches_shifted_normal() {
        // As df → ∞, T → N(δ, 1): P(T ≤ δ + 1) → Φ(1) = 0.8413447460685429.
        let p = noncentral_t_cdf(3.0, 1e7, 2.0);
        assert!((p - 0.841_344_746_068_542_9).abs() < 1e-5, "{p}");
    }

    #[test]
    fn noncentral_t_handles_large_noncentrality() {
        // δ = 60 (e.g. d = 2 with n = 900): the series must not underflow. The median of
        // T is close to δ for large df, so P(T ≤ δ) is near ½ (slightly above, the
        // distribution being right-skewed).
        let p = noncentral_t_cdf(60.0, 899.0, 60.0);
        assert!(p > 0.45 && p < 0.6, "{p}");
    }

    #[test]
    fn hedges_correction_matches_its_approximation() {
        // J(df) ≈ 1 − 3/(4·df − 1) (Hedges 1981), with an error of order 1/df².
        for df in [10.0, 50.0, 200.0] {
            let approx = 1.0 - 3.0 / (4.0 * df - 1.0);
            assert!(
                (hedges_correction(df) - approx).abs() < 0.05 / (df * df),
                "df {df}"
            );
        }
        // Exact value for df = 2: Γ(1)/(1·Γ(1/2)) = 1/√π.
        assert!(close(
            hedges_correction(2.0),
            1.0 / std::f64::consts::PI.sqrt(),
            1e-14
        ));
    }

    #[test]
    fn slope_is_the_derivative_of_the_cdf() {
        // Against a central difference (error of order h² times the third derivative,
        // plus rounding of order 1e-16/h): agreement to 1e-6 relative.
        for (t, df, delta) in [
            (2.5f64, 9.0f64, 1.0f64),
            (2.5, 9.0, -0.7),
            (-1.5, 4.0, 0.3),
            (-3.0, 30.0, -2.5),
            (40.0, 5_000.0, 38.0),
            (-12.0, 800.0, -11.0),
            (0.0, 7.0, 1.5),
        ] {
            let h = 1e-5 * delta.abs().max(1.0);
            let difference = (noncentral_t_cdf(t, df, delta + h)
                - noncentral_t_cdf(t, df, delta - h))
                / (2.0 * h);
            let (_, slope) = noncentral_t_cdf_and_slope(t, df, delta);
            assert!(slope < 0.0, "t {t} df {df} δ {delta}: {slope}");
            assert!(
                close(slope, difference, 1e-6),
                "t {t} df {df} δ {delta}: {slope} vs {difference}"
            );
        }
        // At t = 0 the CDF is Φ(−δ), whose slope is −φ(δ) = −e^{−δ²/2}/√(2π).
        let (_, slope) = noncentral_t_cdf_and_slope(0.0, 7.0, 1.5);
        assert!(close(slope, -0.129_517_595_665_891_74, 1e-14));
        // At δ = 0 no term is left to differentiate.
        assert!(noncentral_t_cdf_and_slope(1.0, 7.0, 0.0).1.is_nan());
    }

    #[test]
    fn interval_inverts_the_cdf() {
        let (lo, hi) = noncentral_t_interval(2.5, 9.0, 0.95, "test").unwrap();
        assert!(close(noncentral_t_cdf(2.5, 9.0, lo), 0.975, 1e-10));
        assert!(close(noncentral_t_cdf(2.5, 9.0, hi), 0.025, 1e-9));
        assert!(lo < 2.5 && 2.5 < hi);
    }

    proptest::proptest! {
        /// The search starts from an approximation, which is poor for few degrees of
        /// freedom and large t: the limits must still invert the CDF everywhere.
        #[test]
        fn interval_inverts_the_cdf_from_any_start(
            t in -80.0f64..80.0,
            df in proptest::prop_oneof![1.0f64..10.0, 10.0f64..20_000.0],
        ) {
            let (lo, hi) = noncentral_t_interval(t, df, 0.95, "test").unwrap();
            proptest::prop_assert!(lo < t && t < hi, "{lo} {t} {hi}");
            let (p_lo, p_hi) = (noncentral_t_cdf(t, df, lo), noncentral_t_cdf(t, df, hi));
            proptest::prop_assert!((p_lo - 0.975).abs() < 1e-9, "{p_lo}");
            proptest::prop_assert!((p_hi - 0.025).abs() < 1e-9, "{p_hi}");
        }
    }
}
