//! A tour of the domain model: builds a small piece of structural social work in code and
//! prints it, as a developer would meet it.
//!
//! Run with `cargo run --example model_tour`.
#![allow(clippy::print_stdout)]

use rakenne::model::{
    Addressee, AgeGroup, Client, ClientId, CodeList, FreeText, GasGoal, GasLevel, Implementation,
    InstrumentAdministration, ItemResponse, Labels, Lang, LogicElement, Measure, MissingReason,
    ModelTheme, Municipality, Occasion, OperatingModel, PhenomenonTheme, Prevalence, ProgramTheory,
    ReporterRole, ReportingPeriod, ServiceClass, SocialReport, TargetGroup, Trend, WelfareArea,
    privacy::hetu,
};
use time::macros::date;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> Result {
    let pirkanmaa = geography()?;
    let year = periods()?;
    let pilot = operating_model(pirkanmaa, year)?;
    social_report(pirkanmaa)?;
    client_data(&pilot)?;
    privacy();
    code_lists();
    Ok(())
}

/// The organisers of social care and their municipalities.
fn geography() -> Result<&'static WelfareArea> {
    let pirkanmaa = WelfareArea::by_code("08").ok_or("area 08 is in the table")?;
    println!(
        "== Geography (code tables valid on {}) ==",
        rakenne::model::CODE_TABLES_VALID_ON
    );
    println!(
        "{} organisers of social care; {} municipalities",
        WelfareArea::organisers().count(),
        Municipality::all().len()
    );
    for lang in Lang::ALL {
        println!("  [{lang}] {}", pirkanmaa.name(lang));
    }
    println!(
        "  municipalities in 08: {}",
        pirkanmaa.municipalities().count()
    );
    let espoo = Municipality::by_name("Esbo").ok_or("Esbo is in the table")?;
    println!(
        "  Esbo is {} ({}), in area {}",
        espoo.name(Lang::Fi),
        espoo.code(),
        espoo.welfare_area()
    );
    Ok(pirkanmaa)
}

/// Reporting periods.
fn periods() -> Result<ReportingPeriod> {
    let year: ReportingPeriod = "2025".parse()?;
    let quarter: ReportingPeriod = "2025-Q3".parse()?;
    println!("\n== Periods ==");
    println!("{year} contains {quarter}: {}", year.contains(&quarter));
    println!(
        "{quarter} runs {} – {} ({} days)",
        quarter.start(),
        quarter.end(),
        quarter.days()
    );
    Ok(year)
}

/// An operating model with its program theory, and a pilot of it.
fn operating_model(pirkanmaa: &WelfareArea, year: ReportingPeriod) -> Result<Implementation> {
    let theory = ProgramTheory::new()
        .with_need(LogicElement::new(text(
            "Asiakkaat eivät pääse ajanvaraukseen",
        )?))
        .with_activity(LogicElement::new(text("Avoin vastaanotto arkipäivisin")?))
        .with_short_term_outcome(
            LogicElement::new(text("Arjen hallinta vahvistuu")?)
                .with_measure(Measure::Instrument("ORS".parse()?)),
        );
    let model = OperatingModel::builder(
        "olohuone".parse()?,
        Labels::new("Sosiaalityön olohuone")?
            .with_sv("Socialarbetets vardagsrum")?
            .with_en("Social work living room")?,
        ModelTheme::LowThreshold,
    )
    .service_class(ServiceClass::SocialWork)
    .target_group(TargetGroup::WorkingAgeAdults)
    .program_theory(theory)
    .build()?;
    let pilot = Implementation::builder(
        "PIRHA-olohuone-2025".parse()?,
        model.id().clone(),
        pirkanmaa.code(),
        year,
    )
    .municipality("837".parse()?)
    .build()?;
    println!("\n== Operating model and its pilot ==");
    println!("{}", serde_json::to_string_pretty(&model)?);
    println!("{}", serde_json::to_string_pretty(&pilot)?);
    Ok(pilot)
}

/// A social report: one professional's structured observation.
fn social_report(pirkanmaa: &WelfareArea) -> Result {
    let report = SocialReport::builder(
        "R-2025-0001".parse()?,
        date!(2025 - 03 - 14),
        pirkanmaa.code(),
        ReporterRole::SocialWorker,
    )
    .municipality("837".parse()?)
    .service_class(ServiceClass::SocialWork)
    .theme(PhenomenonTheme::Housing)
    .theme(PhenomenonTheme::IncomeAndDebt)
    .target_group(TargetGroup::YoungAdults)
    .prevalence(Prevalence::Recurring)
    .trend(Trend::Growing)
    .description(text(
        "Nuorten aikuisten häätöuhat ovat lisääntyneet vuokrarästien vuoksi.",
    )?)
    .root_causes(text("Asumiskustannukset ovat nousseet tuloja nopeammin.")?)
    .proposed_action(text(
        "Vuokrarästien varhainen tunnistaminen vuokranantajien kanssa.",
    )?)
    .addressee(Addressee::WelfareAreaManagement)
    .addressee(Addressee::HousingProviders)
    .build()?;
    println!("\n== Social report ==");
    println!("{}", serde_json::to_string_pretty(&report)?);
    for lang in Lang::ALL {
        println!(
            "  [{lang}] {} / {}",
            report.main_theme().label(lang),
            report.trend().label(lang)
        );
    }
    Ok(())
}

/// Measurements and a GAS goal for one pseudonymous client.
fn client_data(pilot: &Implementation) -> Result {
    let client = Client::new("C-7f3a9e".parse()?).with_age_group(AgeGroup::for_age(23));
    let baseline = InstrumentAdministration::new(
        "M-1".parse()?,
        "ORS".parse()?,
        client.clone(),
        date!(2025 - 02 - 03),
        Occasion::Baseline,
        vec![
            ItemResponse::scored("individual".parse()?, "4.5".parse()?),
            ItemResponse::scored("interpersonal".parse()?, "6".parse()?),
            ItemResponse::missing("social".parse()?, MissingReason::NotAnswered),
        ],
    )?
    .with_implementation(pilot.id().clone());
    let goal = GasGoal::new(
        "G-1".parse()?,
        client,
        text("Hoitaa Kela-asiointinsa itsenäisesti")?,
        date!(2025 - 02 - 03),
    )?
    .with_baseline_level(GasLevel::USUAL_BASELINE)
    .evaluated(GasLevel::new(1)?, date!(2025 - 06 - 02))?;
    println!("\n== Measurement and goal ==");
    println!("{}", serde_json::to_string(&baseline)?);
    println!("{}", serde_json::to_string(&goal)?);
    Ok(())
}

/// Privacy: personal identity codes never get in.
fn privacy() {
    println!("\n== Privacy ==");
    let leaked = "Asiakas 131052-308T kävi vastaanotolla.";
    if let Err(e) = FreeText::new(leaked, "description") {
        println!("free text with a HETU: {e}");
    }
    println!("redacted: {}", hetu::redact(leaked, "[HETU]"));
    if let Err(e) = "131052-308T".parse::<ClientId>() {
        println!("client id with a HETU: {e}");
    }
}

/// Code lists, for spreadsheets and forms.
fn code_lists() {
    println!("\n== Code list {} ==", PhenomenonTheme::NAME);
    for theme in PhenomenonTheme::all() {
        let labels = theme.labels();
        println!(
            "{:<30} {:<40} {}",
            theme.code(),
            labels.fi(),
            labels.sv().unwrap_or_default()
        );
    }
}

fn text(s: &str) -> std::result::Result<FreeText, rakenne::model::Error> {
    FreeText::new(s, "example text")
}
