/// The frame every viewer page shares: one HTML document with `lang`, a title, one small style
/// block, and the landmarks (header, nav, main, footer) screen readers navigate by (WCAG 2.2
/// SC 1.3.1, 2.4.1, 3.1.1). No script: the pages are read, printed and archived as they are.
enum PageLayout {
    static let viewPrefix = "/view/"

    static func page(title: String, body: String, footer: String = "") -> String {
        var w = HTMLWriter()
        w.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        w.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        w.raw("<meta name=\"referrer\" content=\"no-referrer\">\n<title>")
        w.text(title + " — Bollard")
        w.raw("</title>\n<style>\n\(style)</style>\n</head>\n<body>\n")
        w.raw("<a class=\"skip\" href=\"#main\">Skip to content</a>\n")
        w.raw("<header><p class=\"brand\">Bollard · chain of custody</p>")
        w.raw("<nav aria-label=\"Viewer\"><a href=\"\(viewPrefix)login\">Sign in with another key</a></nav></header>\n")
        w.raw("<main id=\"main\">\n\(body)</main>\n")
        w.raw("<footer>\(footer)<p>Every fact on this page comes from a signed, append-only log; "
            + "the proof bundle behind it can be checked with no Bollard code (integrations/bundle-format.md).</p></footer>\n")
        w.raw("</body>\n</html>\n")
        return w.output
    }

    /// Kept small and readable in print; status is always said in words as well as colour.
    static let style = """
        :root{color-scheme:light;--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--ok:#116329;--bad:#a40e26;--warn:#7d4e00}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:#fff}
        header,main,footer{padding:0 24px}
        header{display:flex;justify-content:space-between;align-items:center;border-bottom:1px solid var(--line);background:#f6f8fa}
        .brand{font-weight:600;margin:10px 0}
        .skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px}
        h1{font-size:1.5rem;margin:18px 0 6px}h2{font-size:1.15rem;margin:22px 0 8px}
        a{color:#0550ae}
        code,.mono{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.85em;overflow-wrap:anywhere}
        table{border-collapse:collapse;width:100%;margin:6px 0 14px}
        th,td{border:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
        thead th{background:#f6f8fa}tbody th{font-weight:400;background:#fbfcfd}tbody th strong{font-weight:600}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:8px 0 14px}
        dl.facts dt{font-weight:600}dl.facts dd{margin:0}
        .ok{color:var(--ok);font-weight:600}.bad{color:var(--bad);font-weight:600}.unk{color:var(--warn);font-weight:600}
        span.ok,span.bad,span.unk{white-space:nowrap}
        .banner{border:2px solid;padding:10px 14px;margin:12px 0;font-size:1.05rem}
        .banner.bad{border-color:var(--bad);background:#ffebe9}.banner.ok{border-color:var(--ok);background:#dafbe1}
        .banner.warn{border-color:var(--warn);background:#fff8c5}
        .muted{color:var(--muted)}.small{font-size:.85em}
        ul.plain{margin:0;padding-left:18px}ul.plain li{overflow-wrap:anywhere}td time{white-space:nowrap}
        form{max-width:420px}label{display:block;font-weight:600;margin:12px 0 4px}
        input[type=password]{width:100%;padding:8px;font:inherit}button{margin-top:12px;padding:8px 16px;font:inherit}
        footer{border-top:1px solid var(--line);margin-top:28px;color:var(--muted);font-size:.85em}
        @media print{header nav,.skip{display:none}}

        """
}
