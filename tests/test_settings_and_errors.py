from pathlib import Path

import pytest

from amity import errors, settings

README = Path(__file__).parent.parent / "README.md"


def test_settings_come_from_amity_variables(monkeypatch, tmp_path):
    monkeypatch.setenv("AMITY_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("AMITY_DATABASE_URL", raising=False)
    monkeypatch.setenv("AMITY_PORT", "9000")
    current = settings.load()
    assert current.port == 9000
    assert current.database_url == f"sqlite:///{tmp_path / 'amity.sqlite3'}"


def test_a_bad_setting_names_its_variable(monkeypatch):
    monkeypatch.setenv("AMITY_PORT", "http")
    with pytest.raises(errors.InvalidInput) as caught:
        settings.load()
    assert caught.value.field == "AMITY_PORT"


def test_every_setting_is_documented_in_the_readme():
    text = README.read_text(encoding="utf-8")
    for setting in settings.SETTINGS:
        assert setting.env in text, setting.env


@pytest.mark.parametrize("cls", [errors.InvalidInput, errors.NotFound, errors.Ambiguous, errors.Conflict,
                                 errors.StaleVersion, errors.NotReady])
def test_one_error_shape(cls):
    shape = cls("something is wrong", field="place").to_dict()
    assert set(shape) == {"status", "code", "message", "details"}
    assert shape["status"] == cls.status and shape["details"]["field"] == "place"
