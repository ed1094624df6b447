//! How the terminal front end draws a question and the answer left on screen (a dialoguer
//! theme). Two things differ from dialoguer's own colourful theme:
//!
//! - the mark beside an answer says what the answer is: ✔ only for a yes or an accepted choice,
//!   ✘ for a no, – for a skip or "not applicable", and • for a typed value, which the session
//!   checks after the prompt (a refused one is then asked again with the reason);
//! - a question longer than the terminal is wide is broken into lines here, so that dialoguer,
//!   which counts the lines it drew by their line breaks, clears all of them when the answer is
//!   given (a question the terminal wrapped by itself left a stale `?` line).

use std::cell::Cell;
use std::fmt::{self, Write};

use console::{Style, measure_text_width};
use dialoguer::theme::{ColorfulTheme, Theme};

use super::keys::ValueKind;
use super::prompt::Question;

/// What an answer means, for its mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A yes, or a choice from the list: ✔.
    Accepted,
    /// A no: ✘.
    Refused,
    /// Skipped or not applicable: –.
    Skipped,
    /// Typed: checked after the prompt, so no verdict yet: •.
    Given,
}

impl Mark {
    /// The mark of the choice `id` of a question (`yes`, `no`, `skip`, `n/a`, a port ...).
    pub fn of_choice(id: &str) -> Mark {
        match id {
            "yes" => Mark::Accepted,
            "no" => Mark::Refused,
            "skip" | "n/a" => Mark::Skipped,
            // "another path": typed next
            "" => Mark::Given,
            _ => Mark::Accepted,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Mark::Accepted => "✔",
            Mark::Refused => "✘",
            Mark::Skipped => "–",
            Mark::Given => "•",
        }
    }

    fn style(self) -> Style {
        let s = Style::new().for_stderr();
        match self {
            Mark::Accepted => s.green(),
            Mark::Refused => s.red(),
            Mark::Skipped => s.yellow(),
            Mark::Given => s.cyan(),
        }
    }
}

/// The theme of one question.
pub struct AnswerTheme {
    color: bool,
    /// The mark of each label the question offers.
    marks: Vec<(String, Mark)>,
    /// Columns of the terminal (the question is broken to fit).
    width: usize,
    /// Lines of the last yes/no prompt drawn, so that its answer clears them all.
    confirm_lines: Cell<usize>,
    /// dialoguer's theme, for the list items and errors.
    items: ColorfulTheme,
}

impl AnswerTheme {
    /// The theme for `q`: its choices' labels with their marks.
    pub fn for_question(q: &Question, color: bool) -> AnswerTheme {
        let mut marks: Vec<(String, Mark)> = q
            .choices
            .iter()
            .map(|c| (c.label.clone(), Mark::of_choice(&c.id)))
            .collect();
        if q.def.kind == ValueKind::Confirm {
            marks.push((crate::t!("prompt.yes"), Mark::Accepted));
            marks.push((crate::t!("prompt.no"), Mark::Refused));
        }
        let width = console::Term::stderr().size().1 as usize;
        AnswerTheme::new(color, marks, width)
    }

    pub fn new(color: bool, marks: Vec<(String, Mark)>, width: usize) -> AnswerTheme {
        let mut items = ColorfulTheme::default();
        if !color {
            let plain = Style::new().for_stderr().force_styling(false);
            items.active_item_style = plain.clone();
            items.inactive_item_style = plain.clone();
            items.error_style = plain.clone();
            items.active_item_prefix = plain.apply_to("❯".to_string());
            items.inactive_item_prefix = plain.apply_to(" ".to_string());
            items.error_prefix = plain.apply_to("✘".to_string());
        }
        AnswerTheme {
            color,
            marks,
            // one column spare: a line that fills the terminal exactly moves the cursor on
            width: width.saturating_sub(1).max(20),
            confirm_lines: Cell::new(1),
            items,
        }
    }

    fn paint(&self, text: &str, style: Style) -> String {
        if self.color {
            style.force_styling(true).apply_to(text).to_string()
        } else {
            text.to_string()
        }
    }

    /// `head` (a mark or `?`) and `prompt`, then `tail` (already styled, `tail_width` columns),
    /// broken into lines that fit; the number of lines.
    fn draw(
        &self,
        f: &mut dyn Write,
        head: &str,
        prompt: &str,
        tail: &str,
        tail_width: usize,
    ) -> Result<usize, fmt::Error> {
        let bold = Style::new().for_stderr().bold();
        // "? " before the first line, two spaces before the others
        let mut lines = wrap(prompt, self.width.saturating_sub(2));
        let last = lines.last().map(|l| measure_text_width(l)).unwrap_or(0);
        if last + 1 + tail_width > self.width.saturating_sub(2) && last > 0 {
            lines.push(String::new());
        }
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                write!(f, "{head} ")?;
            } else {
                write!(f, "\n  ")?;
            }
            if !line.is_empty() {
                write!(f, "{}", self.paint(line, bold.clone()))?;
                if i + 1 == lines.len() && !tail.is_empty() {
                    write!(f, " ")?;
                }
            }
        }
        write!(f, "{tail}")?;
        Ok(lines.len().max(1))
    }

    fn prompt_prefix(&self) -> String {
        self.paint("?", Style::new().for_stderr().yellow())
    }

    fn suffix(&self) -> String {
        self.paint("›", Style::new().for_stderr().black().bright())
    }

    /// The answer left on screen: mark, question, `·`, answer.
    fn answered(&self, f: &mut dyn Write, prompt: &str, answer: &str, mark: Mark) -> fmt::Result {
        let head = self.paint(mark.symbol(), mark.style());
        let tail = format!(
            "{} {}",
            self.paint("·", Style::new().for_stderr().black().bright()),
            self.paint(answer, mark.style())
        );
        self.draw(f, &head, prompt, &tail, 2 + measure_text_width(answer))
            .map(|_| ())
    }

    fn mark_of(&self, label: &str) -> Mark {
        self.marks
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, m)| *m)
            .unwrap_or(Mark::Given)
    }
}

/// `text` broken at spaces into lines of at most `width` columns (a longer word is cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word = word.to_string();
        loop {
            let have = measure_text_width(&line);
            let need = measure_text_width(&word) + usize::from(have > 0);
            if have + need <= width {
                if have > 0 {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if have > 0 {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // a word longer than a line
            let cut: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(cut);
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

impl Theme for AnswerTheme {
    fn format_prompt(&self, f: &mut dyn Write, prompt: &str) -> fmt::Result {
        let suffix = self.suffix();
        self.draw(f, &self.prompt_prefix(), prompt, &suffix, 1)
            .map(|_| ())
    }

    fn format_error(&self, f: &mut dyn Write, err: &str) -> fmt::Result {
        self.items.format_error(f, err)
    }

    fn format_confirm_prompt(
        &self,
        f: &mut dyn Write,
        prompt: &str,
        default: Option<bool>,
    ) -> fmt::Result {
        let hint = match default {
            Some(true) => "(Y/n)",
            Some(false) => "(y/N)",
            None => "(y/n)",
        };
        let tail = format!(
            "{} {} ",
            self.paint(hint, Style::new().for_stderr().black().bright()),
            self.suffix()
        );
        let n = self.draw(f, &self.prompt_prefix(), prompt, &tail, hint.len() + 3)?;
        self.confirm_lines.set(n);
        Ok(())
    }

    fn format_confirm_prompt_selection(
        &self,
        f: &mut dyn Write,
        prompt: &str,
        selection: Option<bool>,
    ) -> fmt::Result {
        // dialoguer clears only the prompt's last line before this: clear the lines above it
        for _ in 1..self.confirm_lines.replace(1) {
            write!(f, "\x1b[1A\x1b[2K")?;
        }
        match selection {
            Some(true) => self.answered(f, prompt, "yes", Mark::Accepted),
            Some(false) => self.answered(f, prompt, "no", Mark::Refused),
            None => self
                .draw(f, &self.prompt_prefix(), prompt, "", 0)
                .map(|_| ()),
        }
    }

    fn format_input_prompt(
        &self,
        f: &mut dyn Write,
        prompt: &str,
        default: Option<&str>,
    ) -> fmt::Result {
        let (tail, width) = match default {
            Some(d) => (
                format!(
                    "{} {} ",
                    self.paint(
                        &format!("({d})"),
                        Style::new().for_stderr().black().bright()
                    ),
                    self.suffix()
                ),
                measure_text_width(d) + 5,
            ),
            None => (format!("{} ", self.suffix()), 2),
        };
        self.draw(f, &self.prompt_prefix(), prompt, &tail, width)
            .map(|_| ())
    }

    fn format_input_prompt_selection(
        &self,
        f: &mut dyn Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        self.answered(f, prompt, sel, Mark::Given)
    }

    fn format_password_prompt_selection(&self, f: &mut dyn Write, prompt: &str) -> fmt::Result {
        self.answered(f, prompt, "********", Mark::Given)
    }

    fn format_select_prompt_selection(
        &self,
        f: &mut dyn Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        self.answered(f, prompt, sel, self.mark_of(sel))
    }

    fn format_select_prompt_item(
        &self,
        f: &mut dyn Write,
        text: &str,
        active: bool,
    ) -> fmt::Result {
        self.items.format_select_prompt_item(f, text, active)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_questions_break_at_spaces_to_fit() {
        let lines = wrap("one two three four five six", 9);
        assert_eq!(lines, ["one two", "three", "four five", "six"]);
        assert!(
            wrap(&"x".repeat(25), 10)
                .iter()
                .all(|l| l.chars().count() <= 10)
        );
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn only_a_yes_or_a_chosen_entry_is_ticked() {
        let t = AnswerTheme::new(
            false,
            vec![
                ("Yes, done".into(), Mark::Accepted),
                ("No".into(), Mark::Refused),
                ("Skip for now".into(), Mark::Skipped),
            ],
            80,
        );
        let shown = |sel: &str| {
            let mut s = String::new();
            t.format_select_prompt_selection(&mut s, "Power is off", sel)
                .unwrap();
            s
        };
        assert!(
            shown("Yes, done").starts_with("✔ "),
            "{}",
            shown("Yes, done")
        );
        assert!(shown("No").starts_with("✘ "));
        assert!(shown("Skip for now").starts_with("– "));
        let mut typed = String::new();
        t.format_input_prompt_selection(&mut typed, "Multimeter reading", "230")
            .unwrap();
        assert_eq!(typed, "• Multimeter reading · 230");
    }

    #[test]
    fn a_wrapped_question_counts_its_lines() {
        let t = AnswerTheme::new(false, Vec::new(), 30);
        let mut s = String::new();
        t.format_input_prompt(
            &mut s,
            "The firmware version on the station's display is 5.2.1",
            Some("yes"),
        )
        .unwrap();
        assert!(s.lines().all(|l| measure_text_width(l) <= 29), "{s}");
        assert!(s.lines().count() >= 2, "{s}");
        // the yes/no answer clears the lines above the prompt's last one
        let mut c = String::new();
        t.format_confirm_prompt(
            &mut c,
            "The firmware version on the station's display",
            None,
        )
        .unwrap();
        let n = c.lines().count();
        let mut sel = String::new();
        t.format_confirm_prompt_selection(&mut sel, "The firmware version", Some(false))
            .unwrap();
        assert_eq!(sel.matches("\x1b[1A\x1b[2K").count(), n - 1, "{sel}");
    }
}
