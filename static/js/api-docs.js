// The API's interactive documentation: Swagger UI reading the schema named on the page (no inline script).
(function () {
  "use strict";
  const root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    domNode: root,
    deepLinking: true,
    persistAuthorization: false,
    // No call to the public validator: the page talks to this server only.
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
})();
