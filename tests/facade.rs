//! The facade crate exposes the members under their short names, and a record built
//! through it survives the JSON round trip a producer's system would put it through.

use rakenne::model::{
    CodeList, FollowUpStatus, Lang, Municipality, PhenomenonTheme, Prevalence, ReporterRole,
    SocialReport, Trend, WelfareArea,
};
use time::macros::date;

#[test]
fn a_report_built_through_the_facade_round_trips() {
    // Oulu (564) is in North Ostrobothnia (19) per Statistics Finland's 2025 classification.
    let oulu = Municipality::by_name("Uleåborg").expect("Oulu's Swedish name is known");
    assert_eq!(oulu.code().to_string(), "564");
    let report = SocialReport::builder(
        "R-19-001".parse().unwrap(),
        date!(2025 - 10 - 01),
        oulu.welfare_area(),
        ReporterRole::SocialCounsellor,
    )
    .municipality(oulu.code())
    .theme(PhenomenonTheme::LonelinessAndParticipation)
    .prevalence(Prevalence::Widespread)
    .trend(Trend::Growing)
    .description(
        "Ikääntyneiden yksinäisyys näkyy kotikäynneillä."
            .parse()
            .unwrap(),
    )
    .build()
    .unwrap()
    .with_follow_up(FollowUpStatus::InReview);

    let json = serde_json::to_string(&report).unwrap();
    assert!(json.contains(r#""area":"19""#), "{json}");
    assert!(json.contains(r#""follow_up":"in_review""#), "{json}");
    let back: SocialReport = serde_json::from_str(&json).unwrap();
    assert_eq!(back, report);

    let area = WelfareArea::by_code("19").unwrap();
    assert_eq!(
        area.name(Lang::Fi).text(),
        "Pohjois-Pohjanmaan hyvinvointialue"
    );
    assert_eq!(
        back.main_theme().label(Lang::Sv).text(),
        "Ensamhet och delaktighet"
    );
    assert_eq!(PhenomenonTheme::NAME, "phenomenon_theme");
}
