//! The serialization contract of every public data type, as properties:
//! value → JSON → value is the identity, and every serialized value is valid against the
//! type's own JSON Schema (`schemars::schema_for!`), checked with the `jsonschema` crate
//! with format validation on. Together these say the schema and the types agree.

use std::sync::OnceLock;

use proptest::prelude::*;
use rakenne_model::*;

/// The JSON Schema validator of `T`, with `format` checked (dates are `format: date`).
fn validator<T: schemars::JsonSchema>() -> jsonschema::Validator {
    let schema = serde_json::to_value(schemars::schema_for!(T)).expect("schemas serialize");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("the schema of {} does not compile: {e}", T::schema_name()))
}

macro_rules! serde_contract {
    ($($module:ident: $ty:ty),+ $(,)?) => {$(
        mod $module {
            use super::*;

            fn validator() -> &'static jsonschema::Validator {
                static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
                VALIDATOR.get_or_init(super::validator::<$ty>)
            }

            proptest! {
                #![proptest_config(ProptestConfig::with_cases(128))]

                #[test]
                fn json_round_trip_is_identity(value in any::<$ty>()) {
                    let json = serde_json::to_string(&value).unwrap();
                    let back: $ty = serde_json::from_str(&json)
                        .map_err(|e| TestCaseError::fail(format!("{e} in {json}")))?;
                    prop_assert_eq!(back, value);
                }

                #[test]
                fn serialized_value_matches_the_schema(value in any::<$ty>()) {
                    let json = serde_json::to_value(&value).unwrap();
                    let errors: Vec<String> = validator()
                        .iter_errors(&json)
                        .map(|e| format!("{} at {}", e, e.instance_path()))
                        .collect();
                    prop_assert!(errors.is_empty(), "{errors:?} in {json}");
                }
            }
        }
    )+};
}

serde_contract!(
    lang: Lang,
    labels: Labels,
    free_text: FreeText,
    welfare_area_code: WelfareAreaCode,
    welfare_area: WelfareArea,
    welfare_area_kind: WelfareAreaKind,
    municipality_code: MunicipalityCode,
    municipality: Municipality,
    region: Region,
    reporting_period: ReportingPeriod,
    period_kind: PeriodKind,
    client_id: ClientId,
    report_id: ReportId,
    operating_model_id: OperatingModelId,
    implementation_id: ImplementationId,
    instrument_id: InstrumentId,
    item_id: ItemId,
    measurement_id: MeasurementId,
    goal_id: GoalId,
    episode_id: EpisodeId,
    feedback_id: FeedbackId,
    question_id: QuestionId,
    statement_id: StatementId,
    indicator_id: IndicatorId,
    service_class: ServiceClass,
    model_theme: ModelTheme,
    phenomenon_theme: PhenomenonTheme,
    prevalence: Prevalence,
    trend: Trend,
    reporter_role: ReporterRole,
    target_group: TargetGroup,
    addressee: Addressee,
    follow_up_status: FollowUpStatus,
    age_group: AgeGroup,
    gender: Gender,
    occasion: Occasion,
    missing_reason: MissingReason,
    experience_source: ExperienceSource,
    indicator_source: IndicatorSource,
    indicator_unit: IndicatorUnit,
    client: Client,
    social_report: SocialReport,
    measure: Measure,
    logic_element: LogicElement,
    program_theory: ProgramTheory,
    operating_model: OperatingModel,
    implementation: Implementation,
    item_score: ItemScore,
    item_value: ItemValue,
    item_response: ItemResponse,
    instrument_administration: InstrumentAdministration,
    gas_level: GasLevel,
    gas_weight: GasWeight,
    gas_goal: GasGoal,
    service_episode: ServiceEpisode,
    rating_scale: RatingScale,
    rating: Rating,
    feedback_answer: FeedbackAnswer,
    feedback: Feedback,
    experience_statement: ExperienceStatement,
    indicator_observation: IndicatorObservation,
    indicator_definition: IndicatorDefinition,
);
