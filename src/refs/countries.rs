//! The jurisdictions a right can be registered in: ISO-3166-1 alpha-2 codes (officially
//! assigned, as of 2024), plus `EU` (EU trade marks and designs) and `WIPO` (international
//! registrations).

const ISO_3166_ALPHA2: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF \
BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV \
CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI \
GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP \
KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML \
MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG \
PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR \
SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE \
VG VI VN VU WF WS YE YT ZA ZM ZW";

/// The codes above, in order, for a binary search.
static CODES: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| ISO_3166_ALPHA2.split_ascii_whitespace().collect());

/// Whether `code` (upper case) is a jurisdiction ippscan knows.
pub(crate) fn is_known(code: &str) -> bool {
    code == "EU" || code == "WIPO" || (code.len() == 2 && CODES.binary_search(&code).is_ok())
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes() {
        for ok in ["CN", "US", "EU", "WIPO", "GB", "ZW"] {
            assert!(super::is_known(ok), "{ok}");
        }
        for bad in ["UK", "XX", "cn", "", "EUR", "C"] {
            assert!(!super::is_known(bad), "{bad}");
        }
        let codes: Vec<&str> = super::ISO_3166_ALPHA2.split_ascii_whitespace().collect();
        assert_eq!(codes.len(), 249);
        // Two letters each, one space between them; in order, for the binary search.
        assert_eq!(super::ISO_3166_ALPHA2.len(), 3 * 249 - 1);
        assert!(codes.windows(2).all(|p| p[0] < p[1]));
        assert!(codes.iter().all(|c| super::is_known(c)));
    }
}
