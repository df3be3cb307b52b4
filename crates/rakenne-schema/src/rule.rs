//! The validation rules and their messages in English, Finnish and Swedish.
//!
//! A rule's id (`RS0101`) and severity are the contract: receivers filter and count
//! findings by them, in any language. Messages and fix hints are a separate, localized
//! layer rendered from the rule's parameters, so a finding can be shown to a data steward
//! in Finnish and logged in English. No message quotes free text or anything personal;
//! parameters hold codes, ids of records, field names, numbers and dates only.

use std::fmt;
use std::fmt::Write as _;

use rakenne_model::Lang;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Severity {
    /// The document is not valid and must be corrected before it is used.
    Error,
    /// The document is valid, but something is very likely wrong.
    Warning,
    /// Something worth knowing; nothing needs to change.
    Advisory,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advisory => "advisory",
        })
    }
}

/// Defines the rule list: id, severity, and message and hint in en/fi/sv.
macro_rules! rules {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident = $id:literal, $severity:ident,
        en: ($en:literal, $en_hint:literal),
        fi: ($fi:literal, $fi_hint:literal),
        sv: ($sv:literal, $sv_hint:literal);
    )+) => {
        /// A validation rule. The id (`RS0101`) is stable within a major version.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        #[non_exhaustive]
        pub enum Rule {
            $(
                $(#[doc = $doc])*
                #[serde(rename = $id)]
                $variant,
            )+
        }

        impl Rule {
            /// Every rule, in id order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),+];

            /// The stable id, e.g. `RS0101`.
            pub fn id(self) -> &'static str {
                match self { $(Rule::$variant => $id,)+ }
            }

            /// The severity of the rule's findings.
            pub fn severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$severity,)+ }
            }

            /// The message template in `lang`; `{name}` stands for a parameter.
            pub fn message_template(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(
                        (Rule::$variant, Lang::Fi) => $fi,
                        (Rule::$variant, Lang::Sv) => $sv,
                        (Rule::$variant, _) => $en,
                    )+
                }
            }

            /// The fix hint in `lang`.
            pub fn hint(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(
                        (Rule::$variant, Lang::Fi) => $fi_hint,
                        (Rule::$variant, Lang::Sv) => $sv_hint,
                        (Rule::$variant, _) => $en_hint,
                    )+
                }
            }

            /// What the rule checks, in English (the first line of its documentation).
            pub fn explanation(self) -> &'static str {
                match self { $(Rule::$variant => concat!($($doc),*).trim_ascii(),)+ }
            }
        }
    };
}

rules! {
    /// The file is not well-formed JSON: a syntax error, a truncated file, a number out of
    /// range or nesting deeper than 128 levels.
    NotJson = "RS0001", Error,
    en: ("The file is not valid JSON: {problem} (line {line}, column {column}).", "Save the file as UTF-8 JSON; check brackets, commas and quotes near the position."),
    fi: ("Tiedosto ei ole kelvollista JSONia: {problem} (rivi {line}, sarake {column}).", "Tallenna tiedosto UTF-8-muotoisena JSONina; tarkista sulkeet, pilkut ja lainausmerkit kohdan läheltä."),
    sv: ("Filen är inte giltig JSON: {problem} (rad {line}, kolumn {column}).", "Spara filen som UTF-8-kodad JSON; kontrollera parenteser, kommatecken och citattecken nära positionen.");
    /// The format version is newer than this validator or of another major version.
    UnsupportedVersion = "RS0002", Error,
    en: ("Format version {found} cannot be read; this validator reads {supported}.", "Update rakenne, or ask the producer for a file in a supported version."),
    fi: ("Formaatin versiota {found} ei voi lukea; tämä tarkistin lukee versioita {supported}.", "Päivitä rakenne tai pyydä tuottajalta tiedosto tuetussa versiossa."),
    sv: ("Formatversion {found} kan inte läsas; denna validator läser {supported}.", "Uppdatera rakenne eller be producenten om en fil i en version som stöds.");
    /// The file is not UTF-8 text: UTF-16 or UTF-32 (with or without a byte order mark),
    /// or bytes of an 8-bit encoding such as Windows-1252.
    Encoding = "RS0003", Error,
    en: ("The file is not UTF-8 text: it looks like {encoding} (first problem at byte {byte}).", "Save the file as UTF-8 (in Excel: CSV UTF-8; in editors: encoding UTF-8 without BOM)."),
    fi: ("Tiedosto ei ole UTF-8-tekstiä: se näyttää olevan {encoding} (ensimmäinen ongelma tavussa {byte}).", "Tallenna tiedosto UTF-8-muodossa (Excelissä: CSV UTF-8; editoreissa: UTF-8 ilman BOM-merkkiä)."),
    sv: ("Filen är inte UTF-8-text: den ser ut att vara {encoding} (första problemet vid byte {byte}).", "Spara filen som UTF-8 (i Excel: CSV UTF-8; i redigerare: UTF-8 utan BOM).");
    /// The file starts with a UTF-8 byte order mark, which JSON texts must not have
    /// (RFC 8259, section 8.1); the rest of the file is checked.
    ByteOrderMark = "RS0004", Warning,
    en: ("The file starts with a byte order mark (BOM).", "Save the file as UTF-8 without BOM; some JSON readers refuse it."),
    fi: ("Tiedosto alkaa BOM-merkillä (byte order mark).", "Tallenna tiedosto UTF-8-muodossa ilman BOM-merkkiä; osa JSON-lukijoista hylkää sen."),
    sv: ("Filen börjar med ett BOM-tecken (byte order mark).", "Spara filen som UTF-8 utan BOM; vissa JSON-läsare avvisar den.");
    /// The file is larger than a whole JSON document may be; large data goes as NDJSON,
    /// which is validated as a stream.
    TooLarge = "RS0005", Error,
    en: ("The file is {size} bytes, more than the {limit} bytes a JSON document may have.", "Send large data as NDJSON (one record per line), which is checked as a stream."),
    fi: ("Tiedoston koko on {size} tavua, enemmän kuin JSON-asiakirjan enimmäiskoko {limit} tavua.", "Lähetä suuret aineistot NDJSON-muodossa (yksi tietue riviä kohden), joka tarkistetaan virtana."),
    sv: ("Filen är {size} byte, mer än de {limit} byte ett JSON-dokument får vara.", "Skicka stora datamängder som NDJSON (en post per rad), som kontrolleras som en ström.");
    /// A value does not have the structure the schema requires (type, required field,
    /// code list, pattern, range).
    Structure = "RS0101", Error,
    en: ("The value does not match the format: {detail}.", "Correct the value as the format's schema describes; see the schema for the field."),
    fi: ("Arvo ei vastaa formaattia: {detail}.", "Korjaa arvo formaatin skeeman mukaiseksi; katso kentän kuvaus skeemasta."),
    sv: ("Värdet motsvarar inte formatet: {detail}.", "Rätta värdet enligt formatets schema; se fältets beskrivning i schemat.");
    /// A record breaks a rule of its own (dates out of order, a municipality outside its
    /// area, a repeated code).
    Record = "RS0102", Error,
    en: ("The record is not valid: {detail}.", "Correct the record as the message says."),
    fi: ("Tietue ei ole kelvollinen: {detail}.", "Korjaa tietue viestin mukaisesti."),
    sv: ("Posten är inte giltig: {detail}.", "Rätta posten enligt meddelandet.");
    /// A field appears twice in one JSON object. Readers differ in which value they keep,
    /// so the file means different things to different receivers.
    DuplicateKey = "RS0103", Error,
    en: ("The field {field} appears more than once in the same object (line {line}, column {column}).", "Keep one of the values and remove the other."),
    fi: ("Kenttä {field} esiintyy samassa objektissa useammin kuin kerran (rivi {line}, sarake {column}).", "Säilytä yksi arvoista ja poista muut."),
    sv: ("Fältet {field} förekommer flera gånger i samma objekt (rad {line}, kolumn {column}).", "Behåll ett av värdena och ta bort de andra.");
    /// A field of an open code list holds a local code that the list does not have. It is
    /// accepted; data with local codes compares less well across areas.
    LocalCode = "RS0104", Advisory,
    en: ("{code} is a local code, not in the open code list {list}.", "Use a code of the list where one fits (schemas/code-lists/{list}.csv), so that areas can be compared."),
    fi: ("{code} on paikallinen koodi, jota ei ole avoimessa koodistossa {list}.", "Käytä koodiston koodia, kun sopiva löytyy (schemas/code-lists/{list}.csv), jotta alueita voi verrata."),
    sv: ("{code} är en lokal kod som inte finns i den öppna kodlistan {list}.", "Använd en kod i listan när en passar (schemas/code-lists/{list}.csv) så att områden kan jämföras.");
    /// Two records of a section have the same id.
    DuplicateId = "RS0201", Error,
    en: ("The id {id} appears more than once in {section}.", "Give every record of a section its own id."),
    fi: ("Tunniste {id} esiintyy useammin kuin kerran osiossa {section}.", "Anna jokaiselle osion tietueelle oma tunniste."),
    sv: ("Id {id} förekommer flera gånger i {section}.", "Ge varje post i avsnittet ett eget id.");
    /// A reference by id does not resolve in the document or the built-in tables.
    UnresolvedReference = "RS0202", Error,
    en: ("{field} refers to {target} {id}, which is not in the document.", "Add the referred record to the document, or correct the id."),
    fi: ("{field} viittaa kohteeseen {target} {id}, jota ei ole asiakirjassa.", "Lisää viitattu tietue asiakirjaan tai korjaa tunniste."),
    sv: ("{field} hänvisar till {target} {id}, som inte finns i dokumentet.", "Lägg till den refererade posten i dokumentet eller rätta id:t.");
    /// A measurement does not fit its instrument (unknown item, score off the scale).
    Measurement = "RS0203", Error,
    en: ("The measurement does not fit its instrument: {detail}.", "Check the item ids and scores against the instrument definition."),
    fi: ("Mittaus ei sovi mittariinsa: {detail}.", "Tarkista osioiden tunnisteet ja pisteet mittarin määrittelyä vasten."),
    sv: ("Mätningen passar inte sitt instrument: {detail}.", "Kontrollera item-id:n och poäng mot instrumentets definition.");
    /// A date lies outside the reporting period of the document.
    OutsidePeriod = "RS0204", Warning,
    en: ("{field} {date} is outside the document's period {period}.", "Check the date, or the period in the header."),
    fi: ("{field} {date} on asiakirjan kauden {period} ulkopuolella.", "Tarkista päivämäärä tai otsakkeen kausi."),
    sv: ("{field} {date} ligger utanför dokumentets period {period}.", "Kontrollera datumet eller perioden i huvudet.");
    /// Observations refer to an indicator that the document's `indicator_definitions` do
    /// not define, so reports cannot name it or show it beside the social reports on its
    /// themes. Reported once per indicator, at its first observation.
    UndefinedIndicator = "RS0205", Advisory,
    en: ("Indicator {indicator} has values in indicators but no definition in indicator_definitions.", "Add a definition of the indicator to indicator_definitions: its name in Finnish (and Swedish and English) and the phenomenon themes it describes."),
    fi: ("Indikaattorilla {indicator} on arvoja osiossa indicators, mutta sillä ei ole kuvausta osiossa indicator_definitions.", "Lisää indikaattorin kuvaus osioon indicator_definitions: nimi suomeksi (sekä ruotsiksi ja englanniksi) ja ilmiöteemat, joita se kuvaa."),
    sv: ("Indikatorn {indicator} har värden i indicators men ingen beskrivning i indicator_definitions.", "Lägg till en beskrivning av indikatorn i indicator_definitions: dess namn på finska (och svenska och engelska) och de fenomenteman den beskriver.");
    /// The producer names no welfare area, but the header lists no source files: only a
    /// national document combined from the areas' files has no producing area.
    NationalWithoutSources = "RS0206", Error,
    en: ("The producer names no welfare area, and the header lists no source files.", "Give the producing welfare area in producer.welfare_area; only a national document combined with rakenne combine has none, and it lists its sources."),
    fi: ("Tuottajalla ei ole hyvinvointialuetta, eikä otsake luettele lähdetiedostoja.", "Anna tuottava hyvinvointialue kenttään producer.welfare_area; vain rakenne combine -komennolla yhdistetyllä kansallisella asiakirjalla sitä ei ole, ja se luettelee lähteensä."),
    sv: ("Producenten anger inget välfärdsområde, och huvudet räknar inte upp några källfiler.", "Ange det producerande välfärdsområdet i producer.welfare_area; endast ett nationellt dokument som sammanställts med rakenne combine saknar det, och det räknar upp sina källor.");
    /// The header lists source files, but the producer names a welfare area: an area's own
    /// document has no sources.
    SourcesOfAreaDocument = "RS0207", Error,
    en: ("The header lists source files, but the producer names welfare area {area}.", "Remove header.sources from an area's own document; a combined national document names no producing area."),
    fi: ("Otsake luettelee lähdetiedostoja, mutta tuottajaksi on merkitty hyvinvointialue {area}.", "Poista header.sources alueen omasta asiakirjasta; yhdistetyllä kansallisella asiakirjalla ei ole tuottavaa aluetta."),
    sv: ("Huvudet räknar upp källfiler, men producenten anger välfärdsområde {area}.", "Ta bort header.sources ur ett områdes eget dokument; ett sammanställt nationellt dokument anger inget producerande område.");
    /// A run of records in a source's provenance is empty or reaches past the end of its
    /// section.
    ProvenanceOutside = "RS0208", Error,
    en: ("Records {first}–{last} of {section} are named in the provenance, but the section has {records} records.", "Combine the files again with rakenne combine; do not edit a national document's sections by hand."),
    fi: ("Alkuperätiedot nimeävät osion {section} tietueet {first}–{last}, mutta osiossa on {records} tietuetta.", "Yhdistä tiedostot uudelleen komennolla rakenne combine; älä muokkaa kansallisen asiakirjan osioita käsin."),
    sv: ("Ursprungsuppgifterna nämner posterna {first}–{last} i {section}, men avsnittet har {records} poster.", "Sammanställ filerna på nytt med rakenne combine; redigera inte ett nationellt dokuments avsnitt för hand.");
    /// Records of a national document are named by two runs of its provenance.
    ProvenanceOverlap = "RS0209", Error,
    en: ("Records {first}–{last} of {section} are given two sources.", "Combine the files again with rakenne combine; do not edit a national document's sources by hand."),
    fi: ("Osion {section} tietueille {first}–{last} on annettu kaksi lähdettä.", "Yhdistä tiedostot uudelleen komennolla rakenne combine; älä muokkaa kansallisen asiakirjan lähteitä käsin."),
    sv: ("Posterna {first}–{last} i {section} har getts två källor.", "Sammanställ filerna på nytt med rakenne combine; redigera inte ett nationellt dokuments källor för hand.");
    /// Records of a national document have no source in its provenance.
    ProvenanceGap = "RS0210", Error,
    en: ("Records {first}–{last} of {section} have no source file.", "Combine the files again with rakenne combine: every record of a national document comes from one of its sources."),
    fi: ("Osion {section} tietueilla {first}–{last} ei ole lähdetiedostoa.", "Yhdistä tiedostot uudelleen komennolla rakenne combine: kansallisen asiakirjan jokainen tietue on peräisin jostakin sen lähteestä."),
    sv: ("Posterna {first}–{last} i {section} saknar källfil.", "Sammanställ filerna på nytt med rakenne combine: varje post i ett nationellt dokument kommer från någon av dess källor.");
    /// Something shaped like a Finnish personal identity code (henkilötunnus) is in the
    /// document.
    PersonalIdentityCode = "RS0301", Error,
    en: ("A Finnish personal identity code (or something shaped like one) is in the document.", "Remove it; use pseudonymous client ids and never write identity codes into text."),
    fi: ("Asiakirjassa on henkilötunnus (tai sen näköinen merkkijono).", "Poista se; käytä pseudonyymejä asiakastunnisteita äläkä kirjoita henkilötunnuksia tekstiin."),
    sv: ("Dokumentet innehåller en personbeteckning (eller något som liknar en).", "Ta bort den; använd pseudonyma klient-id:n och skriv aldrig personbeteckningar i text.");
    /// An e-mail address is in free text.
    EmailAddress = "RS0302", Warning,
    en: ("Free text contains an e-mail address.", "Remove personal contact details from free text."),
    fi: ("Vapaassa tekstissä on sähköpostiosoite.", "Poista henkilökohtaiset yhteystiedot vapaasta tekstistä."),
    sv: ("Fritexten innehåller en e-postadress.", "Ta bort personliga kontaktuppgifter ur fritexten.");
    /// A phone number is in free text.
    PhoneNumber = "RS0303", Warning,
    en: ("Free text contains what looks like a phone number.", "Remove personal contact details from free text."),
    fi: ("Vapaassa tekstissä on puhelinnumeron näköinen merkkijono.", "Poista henkilökohtaiset yhteystiedot vapaasta tekstistä."),
    sv: ("Fritexten innehåller något som ser ut som ett telefonnummer.", "Ta bort personliga kontaktuppgifter ur fritexten.");
    /// A row of a CSV sheet has more cells than the header has columns, so some of its
    /// values have no field.
    CsvRow = "RS0401", Error,
    en: ("Row {row} has {cells} cells, but the header has {columns} columns.", "Remove the extra cells, or add a header for them (a delimiter inside a value needs quotes)."),
    fi: ("Rivillä {row} on {cells} solua, mutta otsakerivillä on {columns} saraketta.", "Poista ylimääräiset solut tai lisää niille otsake (erotinmerkki arvon sisällä vaatii lainausmerkit)."),
    sv: ("Rad {row} har {cells} celler, men rubrikraden har {columns} kolumner.", "Ta bort de extra cellerna eller lägg till rubriker för dem (en avgränsare i ett värde kräver citattecken).");
    /// A column of a CSV sheet is not a field of the section's records. Its values would
    /// be lost, so the sheet's rows are not read until the header is corrected.
    CsvUnknownColumn = "RS0402", Error,
    en: ("Column {column} is not a field of {section}.", "Name the columns as the CSV export does (dotted field paths such as client.id; list items numbered from 0, such as themes.0); see the section's schema."),
    fi: ("Sarake {column} ei ole osion {section} kenttä.", "Nimeä sarakkeet kuten CSV-vienti ne nimeää (pisteillä erotetut kenttäpolut, esim. client.id; luettelon alkiot numeroituna nollasta, esim. themes.0); katso osion skeema."),
    sv: ("Kolumnen {column} är inte ett fält i {section}.", "Namnge kolumnerna som CSV-exporten gör (punktade fältsökvägar som client.id; listelement numrerade från 0, som themes.0); se avsnittets schema.");
    /// Two columns of a CSV sheet have the same name (or one column is inside another,
    /// such as `client` and `client.id`); the sheet's rows are not read.
    CsvRepeatedColumn = "RS0403", Error,
    en: ("Column {column} clashes with column {other}.", "Keep one of the columns and remove or rename the other."),
    fi: ("Sarake {column} on ristiriidassa sarakkeen {other} kanssa.", "Säilytä toinen sarakkeista ja poista tai nimeä toinen uudelleen."),
    sv: ("Kolumnen {column} krockar med kolumnen {other}.", "Behåll en av kolumnerna och ta bort eller byt namn på den andra.");
    /// A field every record of the section must have has no column in the CSV sheet; the
    /// sheet's rows are not read.
    CsvMissingColumn = "RS0404", Error,
    en: ("The sheet has no column {column}, which every record of {section} needs.", "Add the column (with a value on every row)."),
    fi: ("Taulukosta puuttuu sarake {column}, joka jokaisella osion {section} tietueella on oltava.", "Lisää sarake (ja arvo jokaiselle riville)."),
    sv: ("Tabellen saknar kolumnen {column}, som varje post i {section} behöver.", "Lägg till kolumnen (med ett värde på varje rad).");
    /// A CSV sheet was not UTF-8 and was read as Windows-1252, the 8-bit encoding Excel
    /// writes in Finland.
    CsvWindows1252 = "RS0405", Advisory,
    en: ("The sheet is not UTF-8 (first non-UTF-8 byte at {byte}); it was read as Windows-1252.", "Save as \"CSV UTF-8\" to be sure that å, ä and ö are read right."),
    fi: ("Taulukko ei ole UTF-8-muodossa (ensimmäinen muu tavu kohdassa {byte}); se luettiin Windows-1252-merkistönä.", "Tallenna muodossa \"CSV UTF-8\", jotta å, ä ja ö luetaan varmasti oikein."),
    sv: ("Tabellen är inte UTF-8 (första byte som inte är UTF-8 vid {byte}); den lästes som Windows-1252.", "Spara som \"CSV UTF-8\" så att å, ä och ö säkert läses rätt.");
    /// Codes of a CSV column had lost their leading zeros, as spreadsheets do to numbers
    /// (`8` for the area `08`, `91` for the municipality `091`); the zeros were restored.
    CsvLeadingZeros = "RS0406", Advisory,
    en: ("Column {column}: {count} codes had lost their leading zeros; they were restored.", "Nothing to do; to avoid it, format the column as text before saving."),
    fi: ("Sarake {column}: {count} koodista oli pudonnut alkunollat; ne palautettiin.", "Ei toimenpiteitä; välttääksesi tämän muotoile sarake tekstiksi ennen tallennusta."),
    sv: ("Kolumn {column}: {count} koder hade förlorat sina inledande nollor; de återställdes.", "Inget att göra; undvik det genom att formatera kolumnen som text innan du sparar.");
    /// Dates of a CSV column were written the Finnish way (`14.3.2025`), as spreadsheets in
    /// Finnish do; they were read as ISO 8601 dates (`2025-03-14`).
    CsvFinnishDates = "RS0407", Advisory,
    en: ("Column {column}: {count} dates were written as d.m.yyyy; they were read as ISO dates.", "Nothing to do; the export writes ISO dates (yyyy-mm-dd)."),
    fi: ("Sarake {column}: {count} päivämäärää oli muodossa p.k.vvvv; ne luettiin ISO-päivämäärinä.", "Ei toimenpiteitä; vienti kirjoittaa päivämäärät ISO-muodossa (vvvv-kk-pp)."),
    sv: ("Kolumn {column}: {count} datum var skrivna som d.m.åååå; de lästes som ISO-datum.", "Inget att göra; exporten skriver ISO-datum (åååå-mm-dd).");
    /// A CSV sheet was checked on its own: references to records of other sections
    /// (implementations, instrument definitions of the document) could not be resolved.
    CsvReferencesNotChecked = "RS0408", Advisory,
    en: ("References to other sections ({fields}) were not checked: the sheet was checked on its own.", "Give the document the sheet belongs to (rakenne validate --context FILE) to check them."),
    fi: ("Viittauksia muihin osioihin ({fields}) ei tarkistettu: taulukko tarkistettiin yksinään.", "Anna asiakirja, johon taulukko kuuluu (rakenne validate --context TIEDOSTO), niin ne tarkistetaan."),
    sv: ("Hänvisningar till andra avsnitt ({fields}) kontrollerades inte: tabellen kontrollerades för sig.", "Ange dokumentet som tabellen hör till (rakenne validate --context FIL) för att kontrollera dem.");
    /// A file to combine is of another major format version than the combination reads.
    CombineFormatVersion = "RS0601", Error,
    en: ("{file} is in format version {version}; the combination reads {major}.x. The file is left out.", "Ask the producer for a {major}.x file, or convert it with a rakenne that reads both versions."),
    fi: ("{file} on tiedostomuodon versiota {version}; yhdistäminen lukee versiota {major}.x. Tiedosto jätetään pois.", "Pyydä tuottajalta {major}.x-muotoinen tiedosto tai muunna se rakenteella, joka lukee molempia versioita."),
    sv: ("{file} har formatversion {version}; sammanställningen läser {major}.x. Filen lämnas bort.", "Be producenten om en fil i version {major}.x, eller konvertera den med en rakenne som läser båda versionerna.");
    /// A file's reporting period does not overlap the period most of the combined files
    /// share, so its figures are not comparable with theirs.
    CombinePeriod = "RS0602", Warning,
    en: ("{file} covers {period}, which does not overlap {common}, the period most files cover.", "Check that the file is the one meant for this combination; figures of different periods are not comparable."),
    fi: ("{file} kattaa kauden {period}, joka ei ole päällekkäin useimpien tiedostojen kauden {common} kanssa.", "Tarkista, että tiedosto kuuluu tähän yhdistämiseen; eri kausien luvut eivät ole vertailukelpoisia."),
    sv: ("{file} gäller perioden {period}, som inte överlappar {common}, den period de flesta filerna gäller.", "Kontrollera att filen hör till denna sammanställning; siffror för olika perioder är inte jämförbara.");
    /// A file's codes come from other code-list versions than most combined files'.
    CombineCodeLists = "RS0603", Warning,
    en: ("{file} uses the geography codes valid on {geography}; most files use those valid on {common}.", "Ask the producer to use the same code-list versions, or check the codes that changed between the versions."),
    fi: ("{file} käyttää aluekoodeja, jotka ovat voimassa {geography}; useimmat tiedostot käyttävät koodeja, jotka ovat voimassa {common}.", "Pyydä tuottajaa käyttämään samoja luokitusversioita tai tarkista versioiden välillä muuttuneet koodit."),
    sv: ("{file} använder områdeskoder som gäller {geography}; de flesta filerna använder koder som gäller {common}.", "Be producenten använda samma kodlisteversioner, eller kontrollera koderna som ändrats mellan versionerna.");
    /// Two files are from the same producer and their periods overlap: one is kept (the
    /// latest created), the other left out.
    CombineDuplicate = "RS0604", Error,
    en: ("{file} is from the same producer ({area}) as {kept}, and its period ({period}) overlaps that file's ({kept_period}); {kept} is combined instead. The file is left out.", "Give one file per producer and period, with periods that do not overlap: remove the older file, or correct the producer or period in its header."),
    fi: ("{file} on samalta tuottajalta ({area}) kuin {kept}, ja sen kausi ({period}) on päällekkäin tämän kauden ({kept_period}) kanssa; {kept} yhdistetään sen sijaan. Tiedosto jätetään pois.", "Anna yksi tiedosto tuottajaa ja kautta kohden, eivätkä kaudet saa olla päällekkäin: poista vanhempi tiedosto tai korjaa sen otsakkeen tuottaja tai kausi."),
    sv: ("{file} kommer från samma producent ({area}) som {kept}, och dess period ({period}) överlappar den filens ({kept_period}); {kept} sammanställs i stället. Filen lämnas bort.", "Ge en fil per producent och period, med perioder som inte överlappar: ta bort den äldre filen eller rätta producenten eller perioden i dess huvud.");
    /// A shared record (operating model, instrument or indicator definition) has the same
    /// id as one in an earlier file but different content; the earlier one is kept.
    CombineConflict = "RS0605", Warning,
    en: ("{section} {id} in {file} differs from the one in {kept}, which is kept.", "Agree on one definition of {id} between the producers, or give the differing one its own id."),
    fi: ("Osion {section} tietue {id} tiedostossa {file} poikkeaa tiedoston {kept} samannimisestä, joka säilytetään.", "Sopikaa tuottajien kesken yksi {id}:n määrittely tai antakaa poikkeavalle oma tunniste."),
    sv: ("{section} {id} i {file} skiljer sig från den i {kept}, som behålls.", "Kom överens mellan producenterna om en definition av {id}, eller ge den avvikande ett eget id.");
    /// A file has errors and is left out of the combination (never half-merged).
    CombineInvalid = "RS0606", Error,
    en: ("{file} has errors ({errors}) and is left out of the combination.", "Correct the errors listed for the file (rakenne validate {file}) and combine again."),
    fi: ("Tiedostossa {file} on virheitä ({errors}), ja se jätetään pois yhdistämisestä.", "Korjaa tiedoston virheet (rakenne validate {file}) ja yhdistä uudelleen."),
    sv: ("{file} har fel ({errors}) och lämnas bort ur sammanställningen.", "Rätta felen som anges för filen (rakenne validate {file}) och sammanställ på nytt.");
    /// A file to combine is itself a combined national document.
    CombineNational = "RS0607", Error,
    en: ("{file} is a combined national document, not an area's file. It is left out.", "Combine the areas' own files; a national document is already combined."),
    fi: ("{file} on yhdistetty kansallinen asiakirja, ei alueen tiedosto. Se jätetään pois.", "Yhdistä alueiden omat tiedostot; kansallinen asiakirja on jo yhdistetty."),
    sv: ("{file} är ett sammanställt nationellt dokument, inte ett områdes fil. Den lämnas bort.", "Sammanställ områdenas egna filer; ett nationellt dokument är redan sammanställt.");
    /// An id would be too long after the producer's prefix (its area code, and its period
    /// when the producer has files of several periods) is put before it.
    CombineIdTooLong = "RS0608", Error,
    en: ("An id in {file} is too long to be prefixed with its producer's code ({prefix}): ids may have 128 characters. The file is left out.", "Shorten the ids in the file to at most {room} characters."),
    fi: ("Tiedoston {file} tunniste on liian pitkä tuottajan koodin etuliitteelle ({prefix}): tunnisteessa voi olla 128 merkkiä. Tiedosto jätetään pois.", "Lyhennä tiedoston tunnisteet enintään {room} merkkiin."),
    sv: ("Ett id i {file} är för långt för att få producentens kod ({prefix}) som prefix: id:n får ha 128 tecken. Filen lämnas bort.", "Förkorta id:na i filen till högst {room} tecken.");
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The rule reference as Markdown: every rule with its id, severity, explanation and
/// messages in English, Finnish and Swedish. Committed as `docs/rules.md`.
///
/// # Example
/// ```
/// let page = rakenne_schema::rules_markdown();
/// assert!(page.contains("| RS0301 | error |"));
/// ```
pub fn rules_markdown() -> String {
    let mut page = String::from(
        "<!-- Generated by rakenne_schema::rules_markdown; regenerate with\n     \
         RAKENNE_REGENERATE=1 cargo test -p rakenne-schema --test rules_reference -->\n\n\
         # Validation rules\n\n\
         Every finding of `rakenne_schema::validate` names one of these rules. The id and the \
         severity are stable within a major version of the format; the messages are a \
         localized layer rendered from the finding's parameters (shown in braces).\n\n\
         | id | severity | what it checks |\n|---|---|---|\n",
    );
    for rule in Rule::ALL {
        let _ = writeln!(
            page,
            "| {} | {} | {} |",
            rule.id(),
            rule.severity(),
            rule.explanation()
        );
    }
    for rule in Rule::ALL {
        let _ = write!(page, "\n## {}\n\n{}\n\n", rule.id(), rule.explanation());
        for lang in Lang::ALL {
            let _ = writeln!(
                page,
                "- **{}**: {} *{}*",
                lang.code(),
                rule.message_template(lang),
                rule.hint(lang)
            );
        }
    }
    page
}

/// Renders a message template with its parameters (`{name}` → value; unknown names are
/// left as they are).
pub(crate) fn render(
    template: &str,
    params: &serde_json::Map<String, serde_json::Value>,
) -> String {
    let mut out = template.to_owned();
    for (name, value) in params {
        let text = match value {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        out = out.replace(&format!("{{{name}}}"), &text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for rule in Rule::ALL {
            let id = rule.id();
            assert!(seen.insert(id), "{id} twice");
            assert!(
                id.len() == 6
                    && id.starts_with("RS")
                    && id[2..].bytes().all(|b| b.is_ascii_digit())
            );
            for lang in Lang::ALL {
                assert!(!rule.message_template(lang).is_empty() && !rule.hint(lang).is_empty());
            }
            assert!(!rule.explanation().is_empty());
        }
    }

    #[test]
    fn every_language_names_the_same_parameters() {
        for rule in Rule::ALL {
            let names = |text: &str| {
                let mut names: Vec<String> = text
                    .split('{')
                    .skip(1)
                    .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_owned()))
                    .collect();
                names.sort();
                names
            };
            let en = names(rule.message_template(Lang::En));
            assert_eq!(names(rule.message_template(Lang::Fi)), en, "{rule} fi");
            assert_eq!(names(rule.message_template(Lang::Sv)), en, "{rule} sv");
        }
    }
}
