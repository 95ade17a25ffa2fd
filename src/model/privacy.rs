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
    fn numbers_inside_text_are_masked() {
        assert_eq!(mask_phones_in_text("王阿姨 13812341234"), "王阿姨 138****1234");
        assert_eq!(mask_phones_in_text("3号楼2单元"), "3号楼2单元");
    }
}
