"""Every config and deployment file we ship parses and validates."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from serving.config_loader import load_config

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path", [REPO / "configs" / "tresor.yaml", REPO / "deploy" / "tresor.production.yaml"])
def test_tresor_configs_validate(path: Path) -> None:
    config = load_config(path, environ={})
    assert config.server.port > 0


def test_production_config_uses_shared_state() -> None:
    config = load_config(REPO / "deploy" / "tresor.production.yaml", environ={})
    assert config.upstream.mode == "external"
    assert config.guardrails.vault.backend == "redis"
    assert config.rag.qdrant.url is not None


@pytest.mark.parametrize("path", sorted((REPO / "deploy").rglob("*compose*.yaml")), ids=lambda p: p.name)
def test_compose_files_parse_and_hold_no_secrets(path: Path) -> None:
    text = path.read_text()
    data = yaml.safe_load(text)
    assert isinstance(data.get("services"), dict) and data["services"]
    for name, service in data["services"].items():
        assert "image" in service or "build" in service, name
    for needle in ("password:", "api_key:", "PASSWORD=", "sk-"):
        for line in text.splitlines():
            if needle in line:
                assert "${" in line, f"{path.name}: literal secret on '{line.strip()}'"
