/**
 * The four architectures of the application-architecture chapter, drawn for one running example:
 * a food-delivery ordering service (orders, restaurants, couriers, payments). Each is a declarative
 * description (layers outside-in, classes, dependencies) checked by ./dependency-rules.ts; as
 * shipped, every one of them follows its own rule (a unit test holds that).
 */
import type { Architecture, ArchitectureStyleId } from "./dependency-rules";

const layered: Architecture = {
  style: "layered",
  name: "Layered (N-tier)",
  shape: "bands",
  layers: [
    { id: "presentation", name: "Presentation", holds: "HTTP controllers and pages: turn requests into calls and results into responses" },
    { id: "business", name: "Business", holds: "order rules and workflows: pricing, placing an order, assigning a courier" },
    { id: "persistence", name: "Persistence", holds: "repositories that read and write the tables" },
    { id: "database", name: "Database", holds: "the SQL client and schema" },
  ],
  classes: [
    { id: "orders-controller", name: "OrdersController", layer: "presentation" },
    { id: "checkout-page", name: "CheckoutPage", layer: "presentation" },
    { id: "order-service", name: "OrderService", layer: "business" },
    { id: "pricing", name: "Pricing", layer: "business" },
    { id: "order-repository", name: "OrderRepository", layer: "persistence" },
    { id: "courier-repository", name: "CourierRepository", layer: "persistence" },
    { id: "sql-client", name: "SqlClient", layer: "database" },
  ],
  dependencies: [
    { from: "orders-controller", to: "order-service" },
    { from: "checkout-page", to: "pricing" },
    { from: "order-service", to: "pricing" },
    { from: "order-service", to: "order-repository" },
    { from: "order-service", to: "courier-repository" },
    { from: "order-repository", to: "sql-client" },
    { from: "courier-repository", to: "sql-client" },
  ],
};

const hexagonal: Architecture = {
  style: "hexagonal",
  name: "Hexagonal (ports & adapters)",
  shape: "rings",
  layers: [
    { id: "adapters", name: "Adapters", holds: "driving adapters (HTTP, CLI) that call in, and driven adapters (database, payment provider) that the core calls out to" },
    { id: "ports", name: "Ports", holds: "interfaces the core owns: what it offers (PlaceOrder) and what it needs (OrderStore, Payments)" },
    { id: "core", name: "Application core", holds: "the order model and the use cases, in plain TypeScript" },
  ],
  classes: [
    { id: "http-api", name: "HttpOrdersApi", layer: "adapters" },
    { id: "postgres-store", name: "PostgresOrderStore", layer: "adapters" },
    { id: "stripe-payments", name: "StripePayments", layer: "adapters" },
    { id: "stripe-sdk", name: "stripe (npm)", layer: "adapters", kind: "library" },
    { id: "place-order-port", name: "PlaceOrder", layer: "ports" },
    { id: "order-store-port", name: "OrderStore", layer: "ports" },
    { id: "payments-port", name: "Payments", layer: "ports" },
    { id: "order", name: "Order", layer: "core" },
    { id: "ordering", name: "OrderingService", layer: "core" },
  ],
  dependencies: [
    { from: "http-api", to: "place-order-port" },
    { from: "postgres-store", to: "order-store-port" },
    { from: "stripe-payments", to: "payments-port" },
    { from: "stripe-payments", to: "stripe-sdk" },
    { from: "ordering", to: "place-order-port" },
    { from: "ordering", to: "order-store-port" },
    { from: "ordering", to: "payments-port" },
    { from: "ordering", to: "order" },
    { from: "place-order-port", to: "order" },
    { from: "order-store-port", to: "order" },
  ],
};

const clean: Architecture = {
  style: "clean",
  name: "Clean Architecture",
  shape: "rings",
  layers: [
    { id: "frameworks", name: "Frameworks & drivers", holds: "the web framework, the database driver, the composition root that wires everything" },
    { id: "interface-adapters", name: "Interface adapters", holds: "controllers, presenters and gateways that convert between the use cases and the outside" },
    { id: "use-cases", name: "Use cases", holds: "application rules: PlaceOrder, AssignCourier, and the gateway interfaces they need" },
    { id: "entities", name: "Entities", holds: "enterprise rules: Order and its invariants" },
  ],
  classes: [
    { id: "main", name: "Main", layer: "frameworks" },
    { id: "web-server", name: "WebServer", layer: "frameworks" },
    { id: "orders-controller", name: "OrdersController", layer: "interface-adapters" },
    { id: "sql-order-gateway", name: "SqlOrderGateway", layer: "interface-adapters" },
    { id: "place-order", name: "PlaceOrder", layer: "use-cases" },
    { id: "order-gateway", name: "OrderGateway", layer: "use-cases" },
    { id: "order", name: "Order", layer: "entities" },
  ],
  dependencies: [
    { from: "main", to: "web-server" },
    { from: "main", to: "sql-order-gateway" },
    { from: "web-server", to: "orders-controller" },
    { from: "orders-controller", to: "place-order" },
    { from: "sql-order-gateway", to: "order-gateway" },
    { from: "place-order", to: "order-gateway" },
    { from: "place-order", to: "order" },
    { from: "order-gateway", to: "order" },
  ],
};

const onion: Architecture = {
  style: "onion",
  name: "Onion Architecture",
  shape: "rings",
  layers: [
    { id: "infrastructure", name: "Infrastructure, UI & tests", holds: "the web API, the database repositories, tests: everything that changes most" },
    { id: "application-services", name: "Application services", holds: "one class per use case, orchestrating the domain" },
    { id: "domain-services", name: "Domain services", holds: "rules that span entities, and the repository interfaces" },
    { id: "domain-model", name: "Domain model", holds: "Order, Restaurant: state and behaviour, no dependencies" },
  ],
  classes: [
    { id: "orders-api", name: "OrdersApi", layer: "infrastructure" },
    { id: "sql-order-repository", name: "SqlOrderRepository", layer: "infrastructure" },
    { id: "place-order-handler", name: "PlaceOrderHandler", layer: "application-services" },
    { id: "delivery-fee", name: "DeliveryFeePolicy", layer: "domain-services" },
    { id: "order-repository", name: "OrderRepository", layer: "domain-services" },
    { id: "order", name: "Order", layer: "domain-model" },
    { id: "restaurant", name: "Restaurant", layer: "domain-model" },
  ],
  dependencies: [
    { from: "orders-api", to: "place-order-handler" },
    { from: "orders-api", to: "order" },
    { from: "sql-order-repository", to: "order-repository" },
    { from: "sql-order-repository", to: "order" },
    { from: "place-order-handler", to: "order-repository" },
    { from: "place-order-handler", to: "delivery-fee" },
    { from: "delivery-fee", to: "order" },
    { from: "delivery-fee", to: "restaurant" },
    { from: "order-repository", to: "order" },
  ],
};

/** Every architecture the widget can show, by style. */
export const architectures: Record<ArchitectureStyleId, Architecture> = { layered, hexagonal, clean, onion };

/** The styles in the order the widget's switcher lists them. */
export const architectureStyleIds: readonly ArchitectureStyleId[] = ["layered", "hexagonal", "clean", "onion"];

/** True when `value` names a style the widget knows. */
export function isArchitectureStyleId(value: unknown): value is ArchitectureStyleId {
  return typeof value === "string" && (architectureStyleIds as readonly string[]).includes(value);
}
