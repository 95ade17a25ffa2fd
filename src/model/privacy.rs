//! Residents' phone numbers and addresses are personal information (PIPL):
//! lists and exports show them masked unless the user deliberately reveals them.

/// `13812341234` → `138****1234`; shorter numbers keep less.
pub fn mask_phone(phone: &str) -> String {
    // Already masked (by the server, for an account that may not see it).
    if phone.contains("****") {
        return phone.to_string();
    }
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    match digits.len() {
        0 => String::new(),
        n if n >= 8 => format!("{}****{}", collect(&digits[..3]), collect(&digits[n - 4..])),
        n => format!("{}****", collect(&digits[..n.min(2)])),
    }
}

fn collect(chars: &[char]) -> String {
    chars.iter().collect()
}

/// An address is cut to its community: `长安社区****`.
pub fn mask_address(address: &str, community: Option<&str>) -> String {
    if address.trim().is_empty() {
        return String::new();
    }
    format!("{}****", community.unwrap_or_default())
}

/// Phone numbers written inside free text (a visitor's name and number).
pub fn mask_phones_in_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() || (!run.is_empty() && c == '-') {
            run.push(c);
            continue;
        }
        flush_run(&mut out, &mut run);
        out.push(c);
    }
    flush_run(&mut out, &mut run);
    out
}

fn flush_run(out: &mut String, run: &mut String) {
    let digits = run.chars().filter(char::is_ascii_digit).count();
    if digits >= 7 {
        out.push_str(&mask_phone(run));
    } else {
        out.push_str(run);
    }
    run.clear();
}

/// Phone and ID numbers written into free text (a visit's summary, a
/// demand's content): mobile numbers (11 digits from 1), landline numbers
/// with their area code (0 and 2–3 digits, a dash or not, 7–8 digits) and ID
/// numbers (17 digits and a check digit or X) are masked as phones are. Other
/// digits — dates, house numbers, counts — are left alone.
pub fn mask_numbers_in_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts_number = chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_alphanumeric());
        if let Some(len) = starts_number.then(|| number_at(&chars[i..])).flatten() {
            // Three characters and the last four stay, as a phone number's do (an ID's X included).
            let number = &chars[i..i + len];
            out.extend(number[..3].iter().chain(&['*'; 4]).chain(&number[len - 4..]));
            i += len;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// The length of a phone or ID number starting `chars`, when one does and
/// nothing alphanumeric follows it.
fn number_at(chars: &[char]) -> Option<usize> {
    let digits = |from: usize| chars[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let ends = |at: usize| chars.get(at).is_none_or(|c| !c.is_ascii_alphanumeric());
    let run = digits(0);
    // An ID number: 17 digits and a check digit or X.
    if run == 18 && ends(18) {
        return Some(18);
    }
    if run == 17 && matches!(chars.get(17), Some('X' | 'x')) && ends(18) {
        return Some(18);
    }
    // A mobile number.
    if run == 11 && chars[0] == '1' && ends(11) {
        return Some(11);
    }
    // A landline number with its area code, written together or with a dash.
    if chars[0] == '0' {
        if (10..=12).contains(&run) && ends(run) {
            return Some(run);
        }
        if (3..=4).contains(&run) && chars.get(run) == Some(&'-') {
            let local = digits(run + 1);
            if (7..=8).contains(&local) && ends(run + 1 + local) {
                return Some(run + 1 + local);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_keep_head_and_tail_only() {
        assert_eq!(mask_phone("13812341234"), "138****1234");
        assert_eq!(mask_phone("0571-87654321"), "057****4321");
        assert_eq!(mask_phone("1234567"), "12****");
        assert_eq!(mask_phone(""), "");
        assert_eq!(mask_phone("138****1234"), "138****1234", "masking twice changes nothing");
    }

    #[test]
    fn addresses_are_cut_to_the_community() {
        assert_eq!(mask_address("幸福路12号3栋501", Some("长安社区")), "长安社区****");
        assert_eq!(mask_address("", Some("长安社区")), "");
    }

    #[test]
    fn phone_and_id_numbers_in_free_text_are_masked_and_other_digits_kept() {
        assert_eq!(mask_numbers_in_text("张三 13766661111 反映"), "张三 137****1111 反映");
        assert_eq!(
            mask_numbers_in_text("电话0571-87654321，身份证330102199001011234"),
            "电话057****4321，身份证330****1234"
        );
        assert_eq!(mask_numbers_in_text("身份证 33010219900101123X。"), "身份证 330****123X。");
        assert_eq!(mask_numbers_in_text("2026-11-29 到 3号楼501，共12345户"), "2026-11-29 到 3号楼501，共12345户");
        assert_eq!(mask_numbers_in_text("编号A13766661111"), "编号A13766661111", "part of a code, not a number");
        assert_eq!(mask_numbers_in_text("137666611112"), "137666611112", "twelve digits are no mobile number");
    }

    #[test]
    fn numbers_inside_text_are_masked() {
        assert_eq!(mask_phones_in_text("王阿姨 13812341234"), "王阿姨 138****1234");
        assert_eq!(mask_phones_in_text("3号楼2单元"), "3号楼2单元");
    }
}
