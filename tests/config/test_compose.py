"""docker-compose.yml cannot run here (no Docker engine), so its shape is checked."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ("web", "worker", "beat")


def settings_variables() -> set[str]:
    source = (ROOT / "config" / "settings.py").read_text()
    return set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', source))


def test_compose_declares_web_worker_beat_redis_and_db():
    assert set(SERVICES) == {"web", "worker", "beat", "redis", "db"}


def test_web_runs_gunicorn_on_the_project_wsgi_application():
    assert "gunicorn config.wsgi:application" in SERVICES["web"]["command"]


def test_worker_and_beat_run_the_project_celery_app():
    assert SERVICES["worker"]["command"].startswith("celery -A config worker")
    assert SERVICES["beat"]["command"].startswith("celery -A config beat")


def test_app_services_share_the_env_file_and_wait_for_healthy_backends():
    for name in APP_SERVICES:
        service = SERVICES[name]
        assert service["env_file"] == ".env"
        assert service["depends_on"] == {
            "db": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
        }


def test_app_services_point_database_and_redis_at_the_compose_services():
    for name in APP_SERVICES:
        environment = SERVICES[name]["environment"]
        assert re.fullmatch(
            r"postgres://workup:\$\{POSTGRES_PASSWORD:\?.+\}@db:5432/workup", environment["DATABASE_URL"]
        )
        assert environment["REDIS_URL"] == "redis://redis:6379/0"


def test_app_environment_names_are_variables_the_settings_read():
    for name in APP_SERVICES:
        assert set(SERVICES[name]["environment"]) <= settings_variables()


def test_database_credentials_agree_between_db_and_app():
    db = SERVICES["db"]["environment"]
    url = SERVICES["web"]["environment"]["DATABASE_URL"]
    assert url.startswith(f"postgres://{db['POSTGRES_USER']}:")
    assert url.endswith(f"/{db['POSTGRES_DB']}")


def test_every_long_running_service_has_a_healthcheck():
    for name in ("web", "worker", "redis", "db"):
        assert SERVICES[name]["healthcheck"]["test"], name


def test_the_web_healthcheck_is_the_script_the_integration_test_runs():
    # tests/integration/test_compose_healthcheck.py runs scripts/healthcheck.py against production settings.
    assert SERVICES["web"]["healthcheck"]["test"] == ["CMD", "python", "scripts/healthcheck.py"]
    assert (ROOT / "scripts" / "healthcheck.py").is_file()


def test_dockerfile_installs_weasyprint_libraries_and_the_pinned_requirements():
    dockerfile = (ROOT / "Dockerfile").read_text()
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-dejavu-core"):
        assert package in dockerfile
    assert "pip install --no-cache-dir --require-hashes -r requirements.txt" in dockerfile
    assert dockerfile.startswith("FROM python:3.11")
