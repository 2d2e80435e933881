import re

from amity.analytics import scope as scopes
from amity.cli import main
from amity.report import build_report, svg


def test_equal_earth_is_symmetric_and_bounded():
    # The widest point is on the equator, the highest on the (flat) pole line.
    assert abs(svg.equal_earth(180, 0)[0] - 2.7064) < 1e-3
    assert abs(svg.equal_earth(0, 90)[1] - 1.3173) < 1e-3
    assert svg.equal_earth(-30, -40) == (-svg.equal_earth(30, 40)[0], -svg.equal_earth(30, 40)[1])


def test_the_report_is_self_contained_with_map_and_charts(db, small):
    with db.read() as conn:
        content = build_report(conn, scopes.for_country(conn, "CN"), lang="zh")
    html = content.html
    assert "中国" in html
    assert not re.search(r"""(src|href)=["']https?://""", html)    # nothing fetched from elsewhere
    assert html.count("<svg") == 5                                      # the map and four charts
    # Japan is coloured as a partner country; China is the scope.
    assert re.search(r'fill="#[0-9a-f]{6}"[^>]*><title>日本: 1</title>', html)
    assert f'fill="{svg.SCOPE_COLOUR}"' in html


def test_report_cli_writes_html_and_pdf(world_cli, tmp_path, capsys):
    assert main(["report", "--country", "CN", "--out", str(tmp_path / "r.html")]) == 0
    assert "Partnerships of China" in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert main(["report", "--country", "CN", "--out", str(tmp_path / "r.pdf")]) == 0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
