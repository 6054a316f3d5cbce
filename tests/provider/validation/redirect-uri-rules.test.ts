import { strict as assert } from "assert";
import { insecureRedirectUris, isLoopbackHost } from "../../../provider/validation/redirect-uri-rules";

describe("provider/validation/redirect-uri-rules", () => {
  it("accepts https anywhere and http on loopback hosts only", () => {
    assert.deepEqual(insecureRedirectUris(["https://ci.example.com/cb", "http://localhost:3000/cb", "http://127.0.0.1/cb", "http://127.8.9.10/cb", "http://[::1]:8080/cb", "http://app.localhost/cb"]), []);
  });

  it("rejects http to any other host, naming the entry, the rule and the exception", () => {
    const failures = insecureRedirectUris(["https://ok.example/cb", "http://ci.example.com/cb", "http://10.0.0.5/cb", "http://localhost.example.com/cb"]);
    assert.deepEqual(failures.map((f) => f.reason.slice(0, 16)), ["redirectUris[1] ", "redirectUris[2] ", "redirectUris[3] "]);
    assert.match(failures[0].reason, /"http:\/\/ci\.example\.com\/cb" must use https.*RFC 9700.*loopback hosts \(localhost, 127\.0\.0\.1, \[::1\]\)/);
    assert.ok(failures.every((f) => f.property === "redirectUris"));
  });

  it("leaves custom schemes and what the schema rejects alone", () => {
    assert.deepEqual(insecureRedirectUris(["com.example.app:/oauth2redirect", "/relative", 5]), []);
    assert.deepEqual(insecureRedirectUris(undefined), []);
  });

  it("knows the loopback hosts", () => {
    for (const host of ["localhost", "LOCALHOST", "127.0.0.1", "127.255.0.1", "[::1]", "dev.localhost"]) assert.ok(isLoopbackHost(host), host);
    for (const host of ["localhost.example.com", "128.0.0.1", "example.com", "0.0.0.0"]) assert.ok(!isLoopbackHost(host), host);
  });
});
