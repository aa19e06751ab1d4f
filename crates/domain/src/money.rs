//! Money: an amount is always an integer number of the restaurant's currency's minor
//! units (cents for EUR, yen for JPY), never a float, in the API, in storage and in
//! every sum. Tax rates are integer basis points (1000 = 10.00 %). Arithmetic is
//! checked: an amount that would overflow is an error, not a wrapped number.

/// The largest price of one item, in minor units (one million units at two decimals).
pub const PRICE_MAX: i64 = 100_000_000;
/// The largest tax rate, in basis points (100 %).
pub const TAX_RATE_MAX: u32 = 10_000;

/// An amount written with its decimal point, for display: `1250` at exponent 2 is
/// `"12.50"`, `-5` is `"-0.05"`, `300` at exponent 0 is `"300"`.
pub fn decimal(minor_units: i64, exponent: u8) -> String {
    if exponent == 0 {
        return minor_units.to_string();
    }
    let digits = minor_units.unsigned_abs().to_string();
    let exponent = usize::from(exponent);
    let padded = format!("{digits:0>width$}", width = exponent + 1);
    let (whole, fraction) = padded.split_at(padded.len() - exponent);
    let sign = if minor_units < 0 { "-" } else { "" };
    format!("{sign}{whole}.{fraction}")
}

/// What a person typed as an amount, in minor units at `exponent`, read exactly from
/// its digits (never through a float): `"4.50"`, `"4,50"`, `"4,5"` and `"4"` are `450`
/// at exponent 2; `"-0,50"` is `-50`. `None` for anything else: no digits, letters,
/// group separators, more decimals than the currency has, or an amount past `i64`.
pub fn parse_decimal(text: &str, exponent: u8) -> Option<i64> {
    let text = text.trim();
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = match unsigned.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, fraction),
        None => (unsigned, ""),
    };
    let digits = |part: &str| part.chars().all(|c| c.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty())
        || !digits(whole)
        || !digits(fraction)
        || fraction.len() > usize::from(exponent)
    {
        return None;
    }
    let padded = format!("{whole}{fraction:0<width$}", width = usize::from(exponent));
    let magnitude: i64 = padded.parse().ok()?;
    Some(if negative { -magnitude } else { magnitude })
}

/// An amount as a guest reads it in `lang` (`fr`, `en`, `it`): `12,50 €` in French and
/// Italian, `€12.50` in English. `symbol` is the currency's (`€`, `$`, `CHF`).
pub fn format(minor_units: i64, exponent: u8, symbol: &str, lang: &str) -> String {
    let plain = decimal(minor_units, exponent);
    let (sign, unsigned) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest.to_owned()),
        None => ("", plain),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole.to_owned(), Some(fraction.to_owned())),
        None => (unsigned, None),
    };
    let (group, point) = match lang {
        "en" => (',', '.'),
        "fr" => ('\u{202f}', ','),
        _ => ('.', ','),
    };
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(digit);
    }
    let number = match fraction {
        Some(fraction) => format!("{grouped}{point}{fraction}"),
        None => grouped,
    };
    if lang == "en" {
        format!("{sign}{symbol}{number}")
    } else {
        format!("{sign}{number}\u{a0}{symbol}")
    }
}

/// A price's net amount and tax at `rate` basis points. A price that includes tax is
/// split (`1100` at 10 % is 1000 + 100); one that excludes it gets the tax added on
/// top. Tax is rounded to the nearest minor unit, halves away from zero.
pub fn split_tax(price: i64, rate: u32, includes_tax: bool) -> Option<(i64, i64)> {
    let price = i128::from(price);
    let rate = i128::from(rate);
    let tax = if includes_tax {
        // tax = price × rate / (10000 + rate)
        round_div(price.checked_mul(rate)?, 10_000 + rate)
    } else {
        round_div(price.checked_mul(rate)?, 10_000)
    };
    let net = if includes_tax { price - tax } else { price };
    Some((i64::try_from(net).ok()?, i64::try_from(tax).ok()?))
}

fn round_div(numerator: i128, denominator: i128) -> i128 {
    let half = denominator / 2;
    if numerator >= 0 {
        (numerator + half) / denominator
    } else {
        (numerator - half) / denominator
    }
}

/// A line's total: (unit price + the options' deltas) × quantity, checked.
pub fn line_total(unit: i64, deltas: &[i64], quantity: u32) -> Option<i64> {
    let each = deltas
        .iter()
        .try_fold(unit, |sum, delta| sum.checked_add(*delta))?;
    each.checked_mul(i64::from(quantity))
}

/// A tax rate as people read it: `1000` is `10`, `550` is `5.5`, `2000` is `20`.
pub fn rate_percent(rate: u32) -> String {
    let text = decimal(i64::from(rate), 2);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_is_written_from_its_minor_units_without_a_float() {
        assert_eq!(decimal(1250, 2), "12.50");
        assert_eq!(decimal(5, 2), "0.05");
        assert_eq!(decimal(-5, 2), "-0.05");
        assert_eq!(decimal(300, 0), "300");
        assert_eq!(decimal(1, 3), "0.001");
        assert_eq!(decimal(i64::MIN, 2), "-92233720368547758.08");
    }

    #[test]
    fn a_guest_reads_an_amount_in_the_restaurants_language() {
        assert_eq!(format(1250, 2, "€", "fr"), "12,50\u{a0}€");
        assert_eq!(format(1250, 2, "€", "en"), "€12.50");
        assert_eq!(format(123_456_789, 2, "€", "it"), "1.234.567,89\u{a0}€");
        assert_eq!(format(150_000, 0, "¥", "en"), "¥150,000");
        assert_eq!(format(-250, 2, "€", "en"), "-€2.50");
    }

    #[test]
    fn a_price_including_tax_is_split_and_one_excluding_it_gets_tax_on_top() {
        assert_eq!(split_tax(1100, 1000, true), Some((1000, 100)));
        assert_eq!(split_tax(1000, 1000, false), Some((1000, 100)));
        // 5.5 % of 3.99 € included: 0.208 → 0.21.
        assert_eq!(split_tax(399, 550, true), Some((378, 21)));
        assert_eq!(split_tax(0, 2000, true), Some((0, 0)));
        assert_eq!(split_tax(999, 0, true), Some((999, 0)));
    }

    #[test]
    fn tax_rounds_halves_away_from_zero() {
        // 20 % of 0.05 € excluded is 0.01 exactly; of 0.03 € it is 0.006 → 0.01.
        assert_eq!(split_tax(5, 2000, false), Some((5, 1)));
        assert_eq!(split_tax(3, 2000, false), Some((3, 1)));
        assert_eq!(split_tax(2, 2000, false), Some((2, 0)));
        assert_eq!(split_tax(-3, 2000, false), Some((-3, -1)));
    }

    #[test]
    fn a_line_total_adds_the_options_then_multiplies_and_never_overflows() {
        assert_eq!(line_total(1250, &[150, -100], 3), Some(3900));
        assert_eq!(line_total(PRICE_MAX, &[], 2), Some(2 * PRICE_MAX));
        assert_eq!(line_total(i64::MAX, &[1], 1), None);
        assert_eq!(line_total(i64::MAX / 2, &[], 3), None);
    }

    #[test]
    fn a_typed_amount_is_read_exactly_with_a_point_or_a_comma() {
        assert_eq!(parse_decimal("4.50", 2), Some(450));
        assert_eq!(parse_decimal(" 4,50 ", 2), Some(450));
        assert_eq!(parse_decimal("4,5", 2), Some(450));
        assert_eq!(parse_decimal("4", 2), Some(400));
        assert_eq!(parse_decimal(".5", 2), Some(50));
        assert_eq!(parse_decimal("4.", 2), Some(400));
        assert_eq!(parse_decimal("0.29", 2), Some(29));
        assert_eq!(parse_decimal("-0,50", 2), Some(-50));
        assert_eq!(parse_decimal("300", 0), Some(300));
        assert_eq!(parse_decimal("5.5", 2), Some(550));
        for refused in [
            "", "-", ".", "4.505", "4,50 €", "1 000", "1.000,50", "abc", "4..5", "300.5",
        ] {
            let exponent = if refused == "300.5" { 0 } else { 2 };
            assert_eq!(parse_decimal(refused, exponent), None, "{refused}");
        }
        assert_eq!(parse_decimal("99999999999999999999", 2), None);
    }

    #[test]
    fn a_rate_reads_as_a_percentage() {
        assert_eq!(rate_percent(1000), "10");
        assert_eq!(rate_percent(550), "5.5");
        assert_eq!(rate_percent(0), "0");
        assert_eq!(rate_percent(2125), "21.25");
    }
}
