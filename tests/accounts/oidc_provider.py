"""A small OpenID Connect provider for the tests: real HTTP on loopback, ID tokens signed with a fresh RSA key."""

import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID, CLIENT_SECRET = "jobdesc-tests", "client-secret-for-tests"


class Provider:
    """Signs in whoever `person` names (claims of the next sign-in), as a real provider would after its own login."""

    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        # The key the ID tokens are signed with: the published one, unless a test forges tokens.
        self.signing_key = self.key
        self.person = {}
        self.codes = {}
        self.tokens = {}
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                return None

            def _json(self, payload, status=200):
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/authorize":
                    code = secrets.token_urlsafe(16)
                    provider.codes[code] = {"nonce": query.get("nonce"), "claims": dict(provider.person)}
                    target = query["redirect_uri"] + "?" + urlencode({"code": code, "state": query["state"]})
                    self.send_response(302)
                    self.send_header("Location", target)
                    self.end_headers()
                elif url.path == "/jwks":
                    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(provider.key.public_key()))
                    self._json({"keys": [{**jwk, "kid": "test-key", "use": "sig", "alg": "RS256"}]})
                elif url.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    claims = provider.tokens.get(token)
                    self._json(claims if claims else {"error": "invalid_token"}, 200 if claims else 401)
                else:
                    self._json({"error": "not_found"}, 404)

            def do_POST(self):
                form = {
                    k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()).items()
                }
                grant = provider.codes.pop(form.get("code"), None)
                if urlsplit(self.path).path != "/token" or grant is None or form.get("client_secret") != CLIENT_SECRET:
                    self._json({"error": "invalid_grant"}, 400)
                    return
                now = int(time.time())
                claims = grant["claims"]
                id_token = jwt.encode(
                    {"iss": provider.url, "aud": CLIENT_ID, "sub": claims["sub"], "iat": now, "exp": now + 300,
                     "nonce": grant["nonce"], "email": claims.get("email")},
                    provider.signing_key,
                    algorithm="RS256",
                    headers={"kid": "test-key"},
                )  # fmt: skip
                access_token = secrets.token_urlsafe(16)
                provider.tokens[access_token] = claims
                self._json({"access_token": access_token, "id_token": id_token, "token_type": "Bearer"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def settings(self) -> dict:
        return {
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/jwks",
        }
