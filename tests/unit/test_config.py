"""Config validation: a bad file names the file, the dotted key path and the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from serving.cli import main
from serving.config_loader import ConfigError, load_config

REPO = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tresor.yaml"
    path.write_text(text)
    return path


def test_shipped_config_is_valid() -> None:
    config = load_config(REPO / "configs" / "tresor.yaml", environ={})
    assert config.server.port == 8000
    assert config.ui.port == 7860
    assert config.engine.dtype == "float32"


def test_defaults_without_file(tmp_path: Path) -> None:
    config = load_config(None, environ={})
    assert config.upstream.mode == "embedded"
    assert config.upstream_base_url == "http://127.0.0.1:8001/v1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("server:\n  prot: 8000\n", "tresor.yaml: server.prot: unknown key"),
        ("server:\n  port: eighty\n", "tresor.yaml: server.port: Input should be a valid integer"),
        (
            "server:\n  port: 70000\n",
            "tresor.yaml: server.port: Input should be less than or equal to 65535",
        ),
        ("engine:\n  build: tpu\n", "tresor.yaml: engine.build: Input should be 'cpu' or 'cuda'"),
        (
            "upstream:\n  mode: external\n",
            "tresor.yaml: upstream: Value error, mode 'external' needs base_url",
        ),
        (
            "upstream:\n  base_url: ftp://x\n",
            "tresor.yaml: upstream.base_url: Value error, must start with http:// or https://",
        ),
        (
            "ui:\n  groups: [a, {b: 1}]\n",
            "tresor.yaml: ui.groups[1]: Input should be a valid string",
        ),
        ("- just\n- a list\n", "tresor.yaml: (top level): must be a mapping of settings"),
        ("server:\n  port: [1\n", "tresor.yaml: line 3, column 1:"),
    ],
)
def test_bad_files_name_file_key_and_reason(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, text), environ={})
    assert expected in str(info.value)
    assert str(tmp_path) in str(info.value)


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "absent.yaml", environ={})


def test_data_dir_env_overrides_file(tmp_path: Path) -> None:
    path = write(tmp_path, "data_dir: /srv/from-file\n")
    config = load_config(path, environ={"TRESOR_DATA_DIR": str(tmp_path / "env")})
    assert config.data_dir == tmp_path / "env"


def test_config_is_frozen() -> None:
    config = load_config(None, environ={})
    with pytest.raises(Exception, match="frozen"):
        config.server.port = 1  # type: ignore[misc]


def test_check_config_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "server:\n  port: 9000\n")
    assert main(["check-config", str(good)]) == 0
    assert "OK" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text("logging:\n  level: LOUD\n")
    assert main(["check-config", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml: logging.level:" in err
