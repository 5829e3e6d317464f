# Weitblick's production image: gunicorn, the Celery worker and beat all run from it.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH="/opt/venv/bin:$PATH"

RUN pip install "uv>=0.5"

WORKDIR /app

# Dependencies first, in their own layer: a code change does not reinstall them.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project --no-cache

COPY . .

# The hashed, compressed static files are part of the image. Settings refuse to load without a
# SECRET_KEY when DEBUG is off; this throwaway value exists only for this one command.
RUN DJANGO_DEBUG=0 SECRET_KEY=build-time-only-not-a-secret \
    python manage.py collectstatic --noinput

# /var/lib/weitblick/imports: where an uploaded import waits for the worker (a shared volume in
# docker-compose.yml, which takes this owner from the image).
RUN useradd --system --uid 10001 --user-group --no-create-home weitblick \
    && chown -R weitblick:weitblick /app/staticfiles \
    && install -d -o weitblick -g weitblick /var/lib/weitblick/imports
USER weitblick

EXPOSE 8000
CMD ["gunicorn", "crm.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
