# One image for every role; CSMS_ROLES picks what a container runs.
FROM python:3.11-slim

WORKDIR /srv/csms
COPY pyproject.toml README.md ./
COPY app ./app
COPY modules ./modules
COPY graphql_schema ./graphql_schema
COPY infra ./infra
COPY dashboard ./dashboard
RUN pip install --no-cache-dir . && useradd --system --home /srv/csms csms \
    && mkdir -p /srv/csms/data && chown csms /srv/csms/data
USER csms

ENV CSMS_HOST=0.0.0.0 \
    CSMS_PORT=8180
EXPOSE 8180
VOLUME ["/srv/csms/data"]
HEALTHCHECK CMD python -c "import urllib.request,os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"CSMS_PORT\"]}/healthz')"

# Same entry point as `make run`: apply migrations, then serve.
CMD ["sh", "-c", "csms migrate && exec csms run"]
