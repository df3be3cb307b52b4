//! Arbitrary values of every data type, for property tests (feature `proptest`).
//!
//! Each strategy produces only valid values (the types cannot hold anything else) but
//! spreads them over the whole valid space: every code, every kind of period, optional
//! fields present and absent, non-ASCII free text, municipalities consistent with their
//! areas. Downstream crates use these to test round trips and schema agreement of the
//! documents built from these types.

use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use rust_decimal::Decimal;
use time::Date;

use crate::{
    Addressee, AgeGroup, Client, ClientId, CodeList, EpisodeId, ExperienceSource,
    ExperienceStatement, Feedback, FeedbackAnswer, FeedbackId, FollowUpStatus, FreeText, GasGoal,
    GasLevel, GasWeight, Gender, GoalId, Implementation, ImplementationId, IndicatorDefinition,
    IndicatorId, IndicatorObservation, IndicatorSource, IndicatorUnit, InstrumentAdministration,
    InstrumentId, ItemId, ItemResponse, ItemScore, ItemValue, Labels, Lang, LocalCode,
    LogicElement, Measure, MeasurementId, MissingReason, ModelTheme, Municipality,
    MunicipalityCode, Occasion, OpenCode, OperatingModel, OperatingModelId, PeriodKind,
    PhenomenonTheme, Prevalence, ProgramTheory, QuestionId, Rating, RatingScale, Region, ReportId,
    ReporterRole, ReportingPeriod, ServiceClass, ServiceEpisode, SocialReport, StatementId,
    TargetGroup, Trend, WelfareArea, WelfareAreaCode, WelfareAreaKind,
};

/// Code lists: any code.
macro_rules! arbitrary_code_list {
    ($($name:ty),+ $(,)?) => {$(
        impl Arbitrary for $name {
            type Parameters = ();
            type Strategy = proptest::sample::Select<$name>;

            fn arbitrary_with((): ()) -> Self::Strategy {
                select(<$name as CodeList>::all())
            }
        }
    )+};
}

arbitrary_code_list!(
    Addressee,
    WelfareAreaKind,
    AgeGroup,
    ExperienceSource,
    FollowUpStatus,
    Gender,
    IndicatorSource,
    IndicatorUnit,
    MissingReason,
    ModelTheme,
    Occasion,
    PhenomenonTheme,
    Prevalence,
    ReporterRole,
    ServiceClass,
    TargetGroup,
    Trend,
);

/// Ids: the whole id alphabet, short and long.
macro_rules! arbitrary_id {
    ($($name:ty),+ $(,)?) => {$(
        impl Arbitrary for $name {
            type Parameters = ();
            type Strategy = BoxedStrategy<$name>;

            fn arbitrary_with((): ()) -> Self::Strategy {
                "[A-Za-z0-9][A-Za-z0-9._:-]{0,40}"
                    .prop_filter_map("not a valid id", |s| s.parse().ok())
                    .boxed()
            }
        }
    )+};
}

arbitrary_id!(
    ClientId,
    EpisodeId,
    FeedbackId,
    GoalId,
    ImplementationId,
    IndicatorId,
    InstrumentId,
    ItemId,
    MeasurementId,
    OperatingModelId,
    QuestionId,
    ReportId,
    StatementId,
);

impl Arbitrary for PeriodKind {
    type Parameters = ();
    type Strategy = proptest::sample::Select<PeriodKind>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        select(
            &[
                PeriodKind::Year,
                PeriodKind::HalfYear,
                PeriodKind::Quarter,
                PeriodKind::Month,
                PeriodKind::Range,
            ][..],
        )
    }
}

impl Arbitrary for Lang {
    type Parameters = ();
    type Strategy = proptest::sample::Select<Lang>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        select(&Lang::ALL[..])
    }
}

/// Text of printable characters from any script, with line breaks and tabs.
fn text(max_chars: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::string::string_regex(&format!("[a-zA-ZåäöÅÄÖ0-9 .,;:!?()/–\"'-]{{1,{max_chars}}}"))
            .expect("the regex is a constant and valid"),
        1 => proptest::string::string_regex(&format!("[\\PC\n\t]{{1,{max_chars}}}"))
            .expect("the regex is a constant and valid"),
    ]
}

impl Arbitrary for FreeText {
    type Parameters = ();
    type Strategy = BoxedStrategy<FreeText>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        text(200)
            .prop_filter_map("blank or containing an identity code", |t| {
                FreeText::new(t, "free text").ok()
            })
            .boxed()
    }
}

/// A label: one line of printable text.
fn label() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[\\PC]{1,60}")
        .expect("the regex is a constant and valid")
        .prop_filter("blank", |t| !t.trim().is_empty())
}

impl Arbitrary for Labels {
    type Parameters = ();
    type Strategy = BoxedStrategy<Labels>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        (
            label(),
            proptest::option::of(label()),
            proptest::option::of(label()),
        )
            .prop_filter_map("not a valid label", |(fi, sv, en)| {
                let mut labels = Labels::new(fi).ok()?;
                if let Some(sv) = sv {
                    labels = labels.with_sv(sv).ok()?;
                }
                if let Some(en) = en {
                    labels = labels.with_en(en).ok()?;
                }
                Some(labels)
            })
            .boxed()
    }
}

/// A date in the years 1900–`last_year`.
fn date_until(last_year: i32) -> impl Strategy<Value = Date> {
    (1900..=last_year, 1u16..=365).prop_map(|(year, day)| {
        Date::from_ordinal_date(year, day).expect("day 1..=365 exists in every year")
    })
}

/// A date `0..=max_days` after `start`, capped at the end of 2100.
fn date_after(start: Date, max_days: i64) -> impl Strategy<Value = Date> {
    let last = Date::from_calendar_date(2100, time::Month::December, 31)
        .expect("2100-12-31 is a valid date");
    (0..=max_days).prop_map(move |days| {
        start
            .checked_add(time::Duration::days(days))
            .map_or(last, |d| d.min(last))
    })
}

impl Arbitrary for WelfareAreaCode {
    type Parameters = ();
    type Strategy = BoxedStrategy<WelfareAreaCode>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        select(WelfareArea::all())
            .prop_map(|area| area.code())
            .boxed()
    }
}

impl Arbitrary for MunicipalityCode {
    type Parameters = ();
    type Strategy = BoxedStrategy<MunicipalityCode>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        select(Municipality::all())
            .prop_map(|municipality| municipality.code())
            .boxed()
    }
}

impl Arbitrary for WelfareArea {
    type Parameters = ();
    type Strategy = BoxedStrategy<WelfareArea>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        select(WelfareArea::all()).boxed()
    }
}

impl Arbitrary for Municipality {
    type Parameters = ();
    type Strategy = BoxedStrategy<Municipality>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        select(Municipality::all()).boxed()
    }
}

impl Arbitrary for Region {
    type Parameters = ();
    type Strategy = BoxedStrategy<Region>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        prop_oneof![
            Just(Region::Country),
            any::<WelfareAreaCode>().prop_map(Region::WelfareArea),
            any::<MunicipalityCode>().prop_map(Region::Municipality),
        ]
        .boxed()
    }
}

/// A welfare area with, possibly, one of its municipalities.
fn area_and_municipality() -> impl Strategy<Value = (WelfareAreaCode, Option<MunicipalityCode>)> {
    prop_oneof![
        any::<WelfareAreaCode>().prop_map(|area| (area, None)),
        any::<MunicipalityCode>().prop_map(|m| (m.welfare_area(), Some(m))),
    ]
}

/// Distinct codes of a list, in random order, `min..=max` of them.
fn codes<T: CodeList>(min: usize, max: usize) -> impl Strategy<Value = Vec<T>> {
    let max = max.min(T::all().len());
    subsequence(T::all(), min..=max).prop_shuffle()
}

/// A local code that is not a code of `L`.
fn local_code<L: CodeList>() -> impl Strategy<Value = LocalCode> {
    "[a-z][a-z0-9_]{0,30}"
        .prop_filter("not a listed code", |s| L::from_code(s).is_none())
        .prop_map(|s| s.parse().expect("the pattern is the local-code form"))
}

/// Distinct values of an open list: listed codes and now and then local ones, shuffled.
fn open_codes<L: CodeList>(min: usize, max: usize) -> impl Strategy<Value = Vec<OpenCode<L>>> {
    (
        codes::<L>(min, max),
        proptest::collection::btree_set(local_code::<L>(), 0..=2),
        proptest::bool::weighted(0.2),
    )
        .prop_map(|(listed, local, with_local)| {
            let mut all: Vec<OpenCode<L>> = listed.into_iter().map(OpenCode::Listed).collect();
            if with_local {
                all.extend(local.into_iter().map(OpenCode::Local));
            }
            all
        })
        .prop_shuffle()
}

impl Arbitrary for LocalCode {
    type Parameters = ();
    type Strategy = BoxedStrategy<LocalCode>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        "[a-z][a-z0-9_]{0,63}"
            .prop_map(|s| s.parse().expect("the pattern is the local-code form"))
            .boxed()
    }
}

impl<L: CodeList + Arbitrary> Arbitrary for OpenCode<L> {
    type Parameters = ();
    type Strategy = BoxedStrategy<OpenCode<L>>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        prop_oneof![
            4 => any::<L>().prop_map(OpenCode::Listed),
            1 => local_code::<L>().prop_map(OpenCode::Local),
        ]
        .boxed()
    }
}

impl Arbitrary for Client {
    type Parameters = ();
    type Strategy = BoxedStrategy<Client>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        (
            any::<ClientId>(),
            proptest::option::of(any::<AgeGroup>()),
            proptest::option::of(any::<Gender>()),
        )
            .prop_map(|(id, age_group, gender)| {
                let mut client = Client::new(id);
                if let Some(age_group) = age_group {
                    client = client.with_age_group(age_group);
                }
                if let Some(gender) = gender {
                    client = client.with_gender(gender);
                }
                client
            })
            .boxed()
    }
}

impl Arbitrary for SocialReport {
    type Parameters = ();
    type Strategy = BoxedStrategy<SocialReport>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        let head = (
            any::<ReportId>(),
            date_until(2100),
            area_and_municipality(),
            any::<ReporterRole>(),
            proptest::option::of(any::<ServiceClass>()),
            codes::<PhenomenonTheme>(1, 3),
            open_codes::<TargetGroup>(0, 3),
        );
        let tail = (
            any::<Prevalence>(),
            any::<Trend>(),
            any::<FreeText>(),
            proptest::option::of(any::<FreeText>()),
            proptest::option::of(any::<FreeText>()),
            open_codes::<Addressee>(0, 3),
            any::<FollowUpStatus>(),
        );
        (head, tail)
            .prop_map(
                |(
                    (id, date, (area, municipality), role, class, themes, groups),
                    (prevalence, trend, description, causes, action, addressees, status),
                )| {
                    let mut b = SocialReport::builder(id, date, area, role)
                        .prevalence(prevalence)
                        .trend(trend)
                        .description(description)
                        .follow_up(status);
                    if let Some(m) = municipality {
                        b = b.municipality(m);
                    }
                    if let Some(class) = class {
                        b = b.service_class(class);
                    }
                    for theme in themes {
                        b = b.theme(theme);
                    }
                    for group in groups {
                        b = b.target_group(group);
                    }
                    if let Some(causes) = causes {
                        b = b.root_causes(causes);
                    }
                    if let Some(action) = action {
                        b = b.proposed_action(action);
                    }
                    for addressee in addressees {
                        b = b.addressee(addressee);
                    }
                    b.build().expect("the strategy keeps every invariant")
                },
            )
            .boxed()
    }
}

impl Arbitrary for Measure {
    type Parameters = ();
    type Strategy = BoxedStrategy<Measure>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        prop_oneof![
            any::<InstrumentId>().prop_map(Measure::Instrument),
            any::<IndicatorId>().prop_map(Measure::Indicator),
        ]
        .boxed()
    }
}

impl Arbitrary for LogicElement {
    type Parameters = ();
    type Strategy = BoxedStrategy<LogicElement>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        (
            any::<FreeText>(),
            proptest::collection::vec(any::<Measure>(), 0..3),
        )
            .prop_map(|(text, measures)| {
                measures
                    .into_iter()
                    .fold(LogicElement::new(text), LogicElement::with_measure)
            })
            .boxed()
    }
}

impl Arbitrary for ProgramTheory {
    type Parameters = ();
    type Strategy = BoxedStrategy<ProgramTheory>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        let stage = || proptest::collection::vec(any::<LogicElement>(), 0..3);
        (stage(), stage(), stage(), stage(), stage(), stage())
            .prop_map(|(needs, resources, activities, outputs, short, long)| {
                let mut t = ProgramTheory::new();
                t = needs.into_iter().fold(t, ProgramTheory::with_need);
                t = resources.into_iter().fold(t, ProgramTheory::with_resource);
                t = activities.into_iter().fold(t, ProgramTheory::with_activity);
                t = outputs.into_iter().fold(t, ProgramTheory::with_output);
                t = short
                    .into_iter()
                    .fold(t, ProgramTheory::with_short_term_outcome);
                long.into_iter()
                    .fold(t, ProgramTheory::with_long_term_outcome)
            })
            .boxed()
    }
}

impl Arbitrary for OperatingModel {
    type Parameters = ();
    type Strategy = BoxedStrategy<OperatingModel>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        (
            any::<OperatingModelId>(),
            any::<Labels>(),
            any::<ModelTheme>(),
            codes::<ServiceClass>(0, 3),
            open_codes::<TargetGroup>(0, 3),
            proptest::option::of(any::<FreeText>()),
            any::<ProgramTheory>(),
        )
            .prop_map(|(id, name, theme, classes, groups, description, theory)| {
                let mut b = OperatingModel::builder(id, name, theme).program_theory(theory);
                for class in classes {
                    b = b.service_class(class);
                }
                for group in groups {
                    b = b.target_group(group);
                }
                if let Some(description) = description {
                    b = b.description(description);
                }
                b.build().expect("the strategy keeps every invariant")
            })
            .boxed()
    }
}

impl Arbitrary for Implementation {
    type Parameters = ();
    type Strategy = BoxedStrategy<Implementation>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        let area_and_municipalities = select(WelfareArea::all()).prop_flat_map(|area| {
            let codes: Vec<MunicipalityCode> =
                area.municipalities().map(Municipality::code).collect();
            let max = codes.len().min(4);
            (
                Just(area.code()),
                subsequence(codes, 0..=max).prop_shuffle(),
            )
        });
        (
            any::<ImplementationId>(),
            any::<OperatingModelId>(),
            area_and_municipalities,
            any::<ReportingPeriod>(),
            proptest::option::of(any::<ServiceClass>()),
            proptest::option::of(any::<FreeText>()),
        )
            .prop_map(
                |(id, model, (area, municipalities), period, class, description)| {
                    let mut b = Implementation::builder(id, model, area, period);
                    for m in municipalities {
                        b = b.municipality(m);
                    }
                    if let Some(class) = class {
                        b = b.service_class(class);
                    }
                    if let Some(description) = description {
                        b = b.description(description);
                    }
                    b.build().expect("the strategy keeps every invariant")
                },
            )
            .boxed()
    }
}

impl Arbitrary for ItemScore {
    type Parameters = ();
    type Strategy = BoxedStrategy<ItemScore>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        prop_oneof![
            (-10i16..=10).prop_map(|v| ItemScore::from_int(v).expect("-10..=10 is in range")),
            (-100_000i64..=100_000).prop_map(|hundredths| {
                ItemScore::new(Decimal::new(hundredths, 2)).expect("two decimals within ±1000")
            }),
        ]
        .boxed()
    }
}

impl Arbitrary for ItemValue {
    type Parameters = ();
    type Strategy = BoxedStrategy<ItemValue>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        prop_oneof![
            3 => any::<ItemScore>().prop_map(ItemValue::Score),
            1 => any::<MissingReason>().prop_map(ItemValue::Missing),
        ]
        .boxed()
    }
}

impl Arbitrary for ItemResponse {
    type Parameters = ();
    type Strategy = BoxedStrategy<ItemResponse>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        (any::<ItemId>(), any::<ItemValue>())
            .prop_map(|(item, value)| ItemResponse::new(item, value))
            .boxed()
    }
}

impl Arbitrary for InstrumentAdministration {
    type Parameters = ();
    type Strategy = BoxedStrategy<InstrumentAdministration>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        (
            any::<MeasurementId>(),
            any::<InstrumentId>(),
            any::<Client>(),
            proptest::option::of(any::<ImplementationId>()),
            date_until(2100),
            any::<Occasion>(),
            proptest::collection::btree_map(any::<ItemId>(), any::<ItemValue>(), 1..8),
        )
            .prop_map(
                |(id, instrument, client, implementation, date, occasion, items)| {
                    let responses = items
                        .into_iter()
                        .map(|(item, value)| ItemResponse::new(item, value))
                        .collect();
                    let a = InstrumentAdministration::new(
                        id, instrument, client, date, occasion, responses,
                    )
                    .expect("the strategy keeps every invariant");
                    match implementation {
                        Some(implementation) => a.with_implementation(implementation),
                        None => a,
                    }
                },
            )
            .boxed()
    }
}

impl Arbitrary for GasLevel {
    type Parameters = ();
    type Strategy = BoxedStrategy<GasLevel>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        (-2i8..=2)
            .prop_map(|l| GasLevel::new(l).expect("-2..=2 is valid"))
            .boxed()
    }
}

impl Arbitrary for GasWeight {
    type Parameters = ();
    type Strategy = BoxedStrategy<GasWeight>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        (1u8..=100)
            .prop_map(|w| GasWeight::new(w).expect("1..=100 is valid"))
            .boxed()
    }
}

impl Arbitrary for GasGoal {
    type Parameters = ();
    type Strategy = BoxedStrategy<GasGoal>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        let evaluation =
            |set_on: Date| proptest::option::of((any::<GasLevel>(), date_after(set_on, 400)));
        (
            any::<GoalId>(),
            any::<Client>(),
            proptest::option::of(any::<ImplementationId>()),
            any::<FreeText>(),
            any::<GasWeight>(),
            date_until(2100),
            proptest::option::of(any::<GasLevel>()),
        )
            .prop_flat_map(move |fields| {
                let set_on = fields.5;
                (Just(fields), evaluation(set_on))
            })
            .prop_map(
                |((id, client, implementation, goal, weight, set_on, baseline), evaluation)| {
                    let mut g = GasGoal::new(id, client, goal, set_on)
                        .expect("the strategy keeps every invariant")
                        .with_weight(weight);
                    if let Some(implementation) = implementation {
                        g = g.with_implementation(implementation);
                    }
                    if let Some(baseline) = baseline {
                        g = g.with_baseline_level(baseline);
                    }
                    if let Some((level, on)) = evaluation {
                        g = g
                            .evaluated(level, on)
                            .expect("evaluated on or after set_on");
                    }
                    g
                },
            )
            .boxed()
    }
}

impl Arbitrary for ServiceEpisode {
    type Parameters = ();
    type Strategy = BoxedStrategy<ServiceEpisode>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        (
            (
                any::<EpisodeId>(),
                any::<Client>(),
                proptest::option::of(any::<ImplementationId>()),
                any::<ServiceClass>(),
                area_and_municipality(),
            ),
            (
                date_until(2100),
                0u32..500,
                proptest::option::of(any::<bool>()),
                proptest::option::of(0i64..120),
                proptest::option::of(0i64..400),
            ),
        )
            .prop_flat_map(|(head, (first, contacts, new_client, wait, length))| {
                let start = wait.map(|w| date_after(first, w).boxed());
                let start = match start {
                    Some(s) => s.prop_map(Some).boxed(),
                    None => Just(None).boxed(),
                };
                (
                    Just(head),
                    Just((first, contacts, new_client)),
                    start,
                    Just(length),
                )
            })
            .prop_flat_map(|(head, tail, start, length)| {
                let from = start.unwrap_or(tail.0);
                let end = match length {
                    Some(l) => date_after(from, l).prop_map(Some).boxed(),
                    None => Just(None).boxed(),
                };
                (Just(head), Just(tail), Just(start), end)
            })
            .prop_map(
                |(
                    (id, client, implementation, class, (area, municipality)),
                    (first, contacts, new_client),
                    start,
                    end,
                )| {
                    let mut b =
                        ServiceEpisode::builder(id, client, class, area, first).contacts(contacts);
                    if let Some(implementation) = implementation {
                        b = b.implementation(implementation);
                    }
                    if let Some(m) = municipality {
                        b = b.municipality(m);
                    }
                    if let Some(start) = start {
                        b = b.service_start(start);
                    }
                    if let Some(end) = end {
                        b = b.service_end(end);
                    }
                    if let Some(new_client) = new_client {
                        b = b.new_client(new_client);
                    }
                    b.build().expect("the strategy keeps every invariant")
                },
            )
            .boxed()
    }
}

impl Arbitrary for RatingScale {
    type Parameters = ();
    type Strategy = BoxedStrategy<RatingScale>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        (-10i16..=5, 1i16..=10)
            .prop_map(|(min, width)| {
                RatingScale::new(min, min + width).expect("min < max, in range")
            })
            .boxed()
    }
}

impl Arbitrary for Rating {
    type Parameters = ();
    type Strategy = BoxedStrategy<Rating>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        any::<RatingScale>()
            .prop_flat_map(|scale| {
                (scale.min()..=scale.max())
                    .prop_map(move |v| Rating::new(v, scale).expect("value on the scale"))
            })
            .boxed()
    }
}

/// An answer to `question`: a rating, a comment, or both.
fn feedback_answer(question: QuestionId) -> impl Strategy<Value = FeedbackAnswer> {
    (
        proptest::option::of(any::<Rating>()),
        any::<FreeText>(),
        any::<bool>(),
    )
        .prop_map(move |(rating, comment, with_comment)| match rating {
            Some(rating) if with_comment => {
                FeedbackAnswer::rated(question.clone(), rating).with_comment(comment)
            }
            Some(rating) => FeedbackAnswer::rated(question.clone(), rating),
            None => FeedbackAnswer::commented(question.clone(), comment),
        })
}

impl Arbitrary for FeedbackAnswer {
    type Parameters = ();
    type Strategy = BoxedStrategy<FeedbackAnswer>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        any::<QuestionId>().prop_flat_map(feedback_answer).boxed()
    }
}

impl Arbitrary for Feedback {
    type Parameters = ();
    type Strategy = BoxedStrategy<Feedback>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        (
            any::<FeedbackId>(),
            date_until(2100),
            any::<WelfareAreaCode>(),
            proptest::option::of(any::<ServiceClass>()),
            proptest::option::of(any::<ImplementationId>()),
            proptest::option::of(any::<ClientId>()),
            // Distinct questions, so that each is answered once.
            proptest::collection::btree_set(any::<QuestionId>(), 1..5).prop_flat_map(|questions| {
                questions
                    .into_iter()
                    .map(feedback_answer)
                    .collect::<Vec<_>>()
            }),
        )
            .prop_map(|(id, date, area, class, implementation, client, answers)| {
                let mut f = Feedback::new(id, date, area, answers)
                    .expect("the strategy keeps every invariant");
                if let Some(class) = class {
                    f = f.with_service_class(class);
                }
                if let Some(implementation) = implementation {
                    f = f.with_implementation(implementation);
                }
                if let Some(client) = client {
                    f = f.with_client(client);
                }
                f
            })
            .boxed()
    }
}

impl Arbitrary for ExperienceStatement {
    type Parameters = ();
    type Strategy = BoxedStrategy<ExperienceStatement>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        (
            any::<StatementId>(),
            date_until(2100),
            area_and_municipality(),
            any::<ExperienceSource>(),
            codes::<PhenomenonTheme>(1, 3),
            proptest::option::of(any::<ImplementationId>()),
            any::<FreeText>(),
        )
            .prop_map(
                |(id, date, (area, municipality), source, themes, implementation, text)| {
                    let mut s = ExperienceStatement::new(id, date, area, source, themes, text)
                        .expect("the strategy keeps every invariant");
                    if let Some(m) = municipality {
                        s = s
                            .with_municipality(m)
                            .expect("the municipality is in the area");
                    }
                    if let Some(implementation) = implementation {
                        s = s.with_implementation(implementation);
                    }
                    s
                },
            )
            .boxed()
    }
}

impl Arbitrary for IndicatorObservation {
    type Parameters = ();
    type Strategy = BoxedStrategy<IndicatorObservation>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        (
            (
                any::<IndicatorId>(),
                any::<IndicatorSource>(),
                any::<Region>(),
                any::<ReportingPeriod>(),
                any::<IndicatorUnit>(),
            ),
            (
                -1_000_000_000i64..1_000_000_000,
                0u32..=4,
                proptest::option::of((0i64..1_000_000, 1i64..10_000_000)),
            ),
        )
            .prop_map(
                |((indicator, source, region, period, unit), (mantissa, scale, fraction))| {
                    let value = match (unit.multiplier(), fraction) {
                        // A ratio unit with a fraction: the value is the fraction, rounded to
                        // `scale` decimals as a publisher would.
                        (Some(multiplier), Some((num, den))) => {
                            (Decimal::from(num) / Decimal::from(den) * multiplier).round_dp(scale)
                        }
                        _ => Decimal::new(mantissa, scale),
                    };
                    let o =
                        IndicatorObservation::new(indicator, source, region, period, value, unit)
                            .expect("the strategy keeps every invariant");
                    match fraction {
                        Some((num, den)) => o
                            .with_fraction(Decimal::from(num), Decimal::from(den))
                            .expect("the value is the rounded fraction"),
                        None => o,
                    }
                },
            )
            .boxed()
    }
}

impl Arbitrary for IndicatorDefinition {
    type Parameters = ();
    type Strategy = BoxedStrategy<IndicatorDefinition>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        (
            any::<IndicatorId>(),
            any::<Labels>(),
            codes::<PhenomenonTheme>(0, 4),
        )
            .prop_map(|(id, name, themes)| {
                IndicatorDefinition::new(id, name, themes)
                    .expect("the strategy keeps every invariant")
            })
            .boxed()
    }
}
