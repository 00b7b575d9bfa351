/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": typeof types.LogoutDocument,
    "\n  subscription OrderEvents {\n    orderEvents { id purchaseOrderId type at details }\n  }\n": typeof types.OrderEventsDocument,
    "\n  query OrderNumber($id: ID!) {\n    purchaseOrder(id: $id) { id number }\n  }\n": typeof types.OrderNumberDocument,
    "\n  query AssessmentData {\n    assessmentCriteria { id level dimension text }\n    maturityAssessments { id level gaps aiScenarioRatio submittedAt }\n  }\n": typeof types.AssessmentDataDocument,
    "\n  mutation SubmitAssessment($input: SubmitAssessmentInput!) {\n    submitMaturityAssessment(input: $input) { id level gaps aiScenarioRatio submittedAt }\n  }\n": typeof types.SubmitAssessmentDocument,
    "\n  query Forecast($id: ID!) {\n    forecast(id: $id) {\n      id revision status granularity horizonStart bucketCount firmBuckets publishedAt availableActions\n      anchor { id name }\n      supplier { id name }\n      summary { totalDemand totalCommitted shortfallBuckets }\n      lines {\n        part { id partNumber description uom }\n        buckets { periodStart quantity previousQuantity committedQuantity commitNote firm }\n      }\n    }\n  }\n": typeof types.ForecastDocument,
    "\n  mutation CommitForecast($forecastId: ID!, $commitments: [CommitmentInput!]!) {\n    commitForecast(forecastId: $forecastId, commitments: $commitments) { id summary { totalDemand totalCommitted shortfallBuckets } }\n  }\n": typeof types.CommitForecastDocument,
    "\n  query Forecasts($filter: ForecastFilter) {\n    forecasts(filter: $filter, first: 100) {\n      nodes {\n        id revision status granularity horizonStart bucketCount firmBuckets publishedAt\n        anchor { id name }\n        supplier { id name }\n        summary { totalDemand totalCommitted shortfallBuckets }\n      }\n    }\n  }\n": typeof types.ForecastsDocument,
    "\n  mutation ImportForecast($input: ImportForecastInput!) {\n    importForecast(input: $input) { id revision }\n  }\n": typeof types.ImportForecastDocument,
    "\n  mutation AcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) { ...SessionFields }\n  }\n": typeof types.AcceptInvitationDocument,
    "\n  query NetworkOverview {\n    networkOverview {\n      supplierCount openOrders onTimeDeliveryRate activeRollouts completedRollouts\n      suppliersByLevel { level count }\n    }\n    partnerships(status: ACTIVE) { id supplier { id name gradientLevel } }\n    rollouts { id status progress package { id title targetLevel } supplier { id name } }\n  }\n": typeof types.NetworkOverviewDocument,
    "\n  query SupplierScorecards($from: Date!, $to: Date!) {\n    supplierScorecards(from: $from, to: $to) {\n      supplier { id } ordersCount onTimeRate otifRate forecastCommitRatio\n    }\n  }\n": typeof types.SupplierScorecardsDocument,
    "\n  mutation CreateOrder($input: CreatePurchaseOrderInput!) {\n    createPurchaseOrder(input: $input) { id number }\n  }\n": typeof types.CreateOrderDocument,
    "\n  query Order($id: ID!) {\n    purchaseOrder(id: $id) {\n      id number status revision version currency notes totalAmount publishedAt confirmedAt availableActions\n      anchor { id name }\n      supplier { id name }\n      lines {\n        id lineNumber supplierPartNumber quantity uom unitPrice requestedDate status\n        confirmedQuantity confirmedDate confirmedUnitPrice shippedQuantity receivedQuantity\n        part { id partNumber description }\n        proposal { quantity deliveryDate unitPrice reasonCode reason }\n      }\n      events { id type revision at actor { displayName } }\n    }\n  }\n": typeof types.OrderDocument,
    "\n  mutation Respond($id: ID!, $version: Int!, $lines: [LineResponseInput!]!) {\n    respondToPurchaseOrder(id: $id, expectedVersion: $version, lines: $lines) { id status version }\n  }\n": typeof types.RespondDocument,
    "\n  mutation Resolve($id: ID!, $version: Int!, $resolutions: [ProposalResolutionInput!]!) {\n    resolveChangeProposals(id: $id, expectedVersion: $version, resolutions: $resolutions) { id status version }\n  }\n": typeof types.ResolveDocument,
    "\n  mutation Cancel($id: ID!, $version: Int!, $reason: String!) {\n    cancelPurchaseOrder(id: $id, expectedVersion: $version, reason: $reason) { id status version }\n  }\n": typeof types.CancelDocument,
    "\n  mutation Publish($id: ID!, $version: Int!) {\n    publishPurchaseOrder(id: $id, expectedVersion: $version) { id status version }\n  }\n": typeof types.PublishDocument,
    "\n  query Orders($filter: PurchaseOrderFilter, $first: Int, $after: String) {\n    purchaseOrders(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id number status currency totalAmount publishedAt anchor { id name } supplier { id name } }\n    }\n  }\n": typeof types.OrdersDocument,
    "\n  query InboxCounts {\n    new: purchaseOrders(filter: { status: [PUBLISHED], revised: false }, first: 1) { totalCount }\n    awaiting: purchaseOrders(filter: { status: [PUBLISHED] }, first: 1) { totalCount }\n    changeProposed: purchaseOrders(filter: { status: [CHANGE_PROPOSED] }, first: 1) { totalCount }\n    toShip: purchaseOrders(filter: { status: [CONFIRMED, PARTIALLY_SHIPPED] }, first: 1) { totalCount }\n  }\n": typeof types.InboxCountsDocument,
    "\n  query OrderFilterSuppliers {\n    partnerships { id supplier { id name } }\n  }\n": typeof types.OrderFilterSuppliersDocument,
    "\n  query Packages {\n    replicationPackages { id title summary targetLevel status availableActions checklist { id title evidenceRequired } requiredStandards { id version standard { code } } }\n    rollouts { id status progress package { id } supplier { id name } }\n    partnerships(status: ACTIVE) { id supplier { id name } }\n    dataStandards(status: PUBLISHED) { id code latestPublished { id version } }\n  }\n": typeof types.PackagesDocument,
    "\n  mutation CreatePackage($input: ReplicationPackageInput!) {\n    createReplicationPackage(input: $input) { id status }\n  }\n": typeof types.CreatePackageDocument,
    "\n  mutation PublishPackage($id: ID!) {\n    publishReplicationPackage(id: $id) { id status }\n  }\n": typeof types.PublishPackageDocument,
    "\n  mutation LaunchRollout($packageId: ID!, $supplierIds: [ID!]!) {\n    launchRollout(packageId: $packageId, supplierIds: $supplierIds) { id status supplier { id } }\n  }\n": typeof types.LaunchRolloutDocument,
    "\n  mutation Revise($id: ID!, $version: Int!, $changes: [LineRevisionInput!]!) {\n    revisePurchaseOrder(id: $id, expectedVersion: $version, changes: $changes) { id status revision version }\n  }\n": typeof types.ReviseDocument,
    "\n  query SupplyRisks($firmOnly: Boolean) {\n    supplyRisks(firmOnly: $firmOnly) {\n      periodStart demand committed firm\n      part { id partNumber description }\n      forecast { id supplier { id name } }\n    }\n  }\n": typeof types.SupplyRisksDocument,
    "\n  query MyRollouts {\n    rollouts {\n      id status progress availableActions\n      package { id title summary targetLevel owner { name } }\n      items { done evidence completedAt item { id title description evidenceRequired } }\n    }\n  }\n": typeof types.MyRolloutsDocument,
    "\n  mutation UpdateRolloutItem($rolloutId: ID!, $itemId: ID!, $done: Boolean!, $evidence: String) {\n    updateRolloutItem(rolloutId: $rolloutId, itemId: $itemId, done: $done, evidence: $evidence) { id status progress items { done evidence item { id } } }\n  }\n": typeof types.UpdateRolloutItemDocument,
    "\n  query MyScorecard($supplierId: ID!, $from: Date!, $to: Date!) {\n    supplierScorecard(supplierId: $supplierId, from: $from, to: $to) {\n      from to ordersCount meanResponseHours onTimeRate inFullRate otifRate forecastCommitRatio\n    }\n  }\n": typeof types.MyScorecardDocument,
    "\n  query Shipments($orderId: ID!) {\n    shipmentNotices(purchaseOrderId: $orderId) {\n      id number shipDate expectedArrival carrier trackingNumber\n      lines { quantity orderLine { id lineNumber uom shippedQuantity receivedQuantity part { partNumber } } }\n    }\n  }\n": typeof types.ShipmentsDocument,
    "\n  mutation Ship($input: CreateShipmentNoticeInput!) {\n    createShipmentNotice(input: $input) { id number purchaseOrder { id status version } }\n  }\n": typeof types.ShipDocument,
    "\n  mutation Receive($input: RecordGoodsReceiptInput!) {\n    recordGoodsReceipt(input: $input) { id receivedOn }\n  }\n": typeof types.ReceiveDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) { ...SessionFields }\n  }\n": typeof types.LoginDocument,
    "\n  query Standard($code: String!) {\n    dataStandard(code: $code) {\n      id code name kind description\n      versions {\n        id version status changeSummary publishedAt sunsetDate adoptionCount availableActions\n        compatibility { breaking changes }\n        codes { code labelZh labelEn description deprecated }\n        fields { name type required codeList minimum maximum minLength maxLength pattern unit description }\n      }\n    }\n  }\n": typeof types.StandardDocument,
    "\n  mutation CreateVersion($standardId: ID!, $input: StandardVersionInput!) {\n    createStandardVersion(standardId: $standardId, input: $input) { id version status }\n  }\n": typeof types.CreateVersionDocument,
    "\n  mutation UpdateVersion($versionId: ID!, $input: StandardVersionInput!) {\n    updateStandardVersion(versionId: $versionId, input: $input) { id version status }\n  }\n": typeof types.UpdateVersionDocument,
    "\n  query PublicationPreview($versionId: ID!) {\n    standardVersionPublicationPreview(versionId: $versionId) { against breaking changes requiredStep versionStep publishable }\n  }\n": typeof types.PublicationPreviewDocument,
    "\n  mutation PublishVersion($versionId: ID!) {\n    publishStandardVersion(versionId: $versionId) { id version status compatibility { breaking changes } }\n  }\n": typeof types.PublishVersionDocument,
    "\n  query Standards {\n    dataStandards {\n      id code name kind description\n      latestPublished { id version adoptionCount publishedAt }\n      versions { id status }\n    }\n  }\n": typeof types.StandardsDocument,
    "\n  mutation CreateStandard($input: CreateDataStandardInput!) {\n    createDataStandard(input: $input) { id code }\n  }\n": typeof types.CreateStandardDocument,
    "\n  query SupplierParts($supplierId: ID!, $search: String) {\n    parts(first: 100, supplierId: $supplierId, search: $search) { nodes { id partNumber description } }\n  }\n": typeof types.SupplierPartsDocument,
    "\n  mutation Refresh($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) { ...SessionFields }\n  }\n": typeof types.RefreshDocument,
    "\n  fragment SessionFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    user { id email displayName roles organization { id name kind } }\n  }\n": typeof types.SessionFieldsFragmentDoc,
    "\n  query ActiveSuppliers {\n    partnerships(status: ACTIVE) { id supplier { id name } }\n  }\n": typeof types.ActiveSuppliersDocument,
};
const documents: Documents = {
    "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": types.LogoutDocument,
    "\n  subscription OrderEvents {\n    orderEvents { id purchaseOrderId type at details }\n  }\n": types.OrderEventsDocument,
    "\n  query OrderNumber($id: ID!) {\n    purchaseOrder(id: $id) { id number }\n  }\n": types.OrderNumberDocument,
    "\n  query AssessmentData {\n    assessmentCriteria { id level dimension text }\n    maturityAssessments { id level gaps aiScenarioRatio submittedAt }\n  }\n": types.AssessmentDataDocument,
    "\n  mutation SubmitAssessment($input: SubmitAssessmentInput!) {\n    submitMaturityAssessment(input: $input) { id level gaps aiScenarioRatio submittedAt }\n  }\n": types.SubmitAssessmentDocument,
    "\n  query Forecast($id: ID!) {\n    forecast(id: $id) {\n      id revision status granularity horizonStart bucketCount firmBuckets publishedAt availableActions\n      anchor { id name }\n      supplier { id name }\n      summary { totalDemand totalCommitted shortfallBuckets }\n      lines {\n        part { id partNumber description uom }\n        buckets { periodStart quantity previousQuantity committedQuantity commitNote firm }\n      }\n    }\n  }\n": types.ForecastDocument,
    "\n  mutation CommitForecast($forecastId: ID!, $commitments: [CommitmentInput!]!) {\n    commitForecast(forecastId: $forecastId, commitments: $commitments) { id summary { totalDemand totalCommitted shortfallBuckets } }\n  }\n": types.CommitForecastDocument,
    "\n  query Forecasts($filter: ForecastFilter) {\n    forecasts(filter: $filter, first: 100) {\n      nodes {\n        id revision status granularity horizonStart bucketCount firmBuckets publishedAt\n        anchor { id name }\n        supplier { id name }\n        summary { totalDemand totalCommitted shortfallBuckets }\n      }\n    }\n  }\n": types.ForecastsDocument,
    "\n  mutation ImportForecast($input: ImportForecastInput!) {\n    importForecast(input: $input) { id revision }\n  }\n": types.ImportForecastDocument,
    "\n  mutation AcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) { ...SessionFields }\n  }\n": types.AcceptInvitationDocument,
    "\n  query NetworkOverview {\n    networkOverview {\n      supplierCount openOrders onTimeDeliveryRate activeRollouts completedRollouts\n      suppliersByLevel { level count }\n    }\n    partnerships(status: ACTIVE) { id supplier { id name gradientLevel } }\n    rollouts { id status progress package { id title targetLevel } supplier { id name } }\n  }\n": types.NetworkOverviewDocument,
    "\n  query SupplierScorecards($from: Date!, $to: Date!) {\n    supplierScorecards(from: $from, to: $to) {\n      supplier { id } ordersCount onTimeRate otifRate forecastCommitRatio\n    }\n  }\n": types.SupplierScorecardsDocument,
    "\n  mutation CreateOrder($input: CreatePurchaseOrderInput!) {\n    createPurchaseOrder(input: $input) { id number }\n  }\n": types.CreateOrderDocument,
    "\n  query Order($id: ID!) {\n    purchaseOrder(id: $id) {\n      id number status revision version currency notes totalAmount publishedAt confirmedAt availableActions\n      anchor { id name }\n      supplier { id name }\n      lines {\n        id lineNumber supplierPartNumber quantity uom unitPrice requestedDate status\n        confirmedQuantity confirmedDate confirmedUnitPrice shippedQuantity receivedQuantity\n        part { id partNumber description }\n        proposal { quantity deliveryDate unitPrice reasonCode reason }\n      }\n      events { id type revision at actor { displayName } }\n    }\n  }\n": types.OrderDocument,
    "\n  mutation Respond($id: ID!, $version: Int!, $lines: [LineResponseInput!]!) {\n    respondToPurchaseOrder(id: $id, expectedVersion: $version, lines: $lines) { id status version }\n  }\n": types.RespondDocument,
    "\n  mutation Resolve($id: ID!, $version: Int!, $resolutions: [ProposalResolutionInput!]!) {\n    resolveChangeProposals(id: $id, expectedVersion: $version, resolutions: $resolutions) { id status version }\n  }\n": types.ResolveDocument,
    "\n  mutation Cancel($id: ID!, $version: Int!, $reason: String!) {\n    cancelPurchaseOrder(id: $id, expectedVersion: $version, reason: $reason) { id status version }\n  }\n": types.CancelDocument,
    "\n  mutation Publish($id: ID!, $version: Int!) {\n    publishPurchaseOrder(id: $id, expectedVersion: $version) { id status version }\n  }\n": types.PublishDocument,
    "\n  query Orders($filter: PurchaseOrderFilter, $first: Int, $after: String) {\n    purchaseOrders(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id number status currency totalAmount publishedAt anchor { id name } supplier { id name } }\n    }\n  }\n": types.OrdersDocument,
    "\n  query InboxCounts {\n    new: purchaseOrders(filter: { status: [PUBLISHED], revised: false }, first: 1) { totalCount }\n    awaiting: purchaseOrders(filter: { status: [PUBLISHED] }, first: 1) { totalCount }\n    changeProposed: purchaseOrders(filter: { status: [CHANGE_PROPOSED] }, first: 1) { totalCount }\n    toShip: purchaseOrders(filter: { status: [CONFIRMED, PARTIALLY_SHIPPED] }, first: 1) { totalCount }\n  }\n": types.InboxCountsDocument,
    "\n  query OrderFilterSuppliers {\n    partnerships { id supplier { id name } }\n  }\n": types.OrderFilterSuppliersDocument,
    "\n  query Packages {\n    replicationPackages { id title summary targetLevel status availableActions checklist { id title evidenceRequired } requiredStandards { id version standard { code } } }\n    rollouts { id status progress package { id } supplier { id name } }\n    partnerships(status: ACTIVE) { id supplier { id name } }\n    dataStandards(status: PUBLISHED) { id code latestPublished { id version } }\n  }\n": types.PackagesDocument,
    "\n  mutation CreatePackage($input: ReplicationPackageInput!) {\n    createReplicationPackage(input: $input) { id status }\n  }\n": types.CreatePackageDocument,
    "\n  mutation PublishPackage($id: ID!) {\n    publishReplicationPackage(id: $id) { id status }\n  }\n": types.PublishPackageDocument,
    "\n  mutation LaunchRollout($packageId: ID!, $supplierIds: [ID!]!) {\n    launchRollout(packageId: $packageId, supplierIds: $supplierIds) { id status supplier { id } }\n  }\n": types.LaunchRolloutDocument,
    "\n  mutation Revise($id: ID!, $version: Int!, $changes: [LineRevisionInput!]!) {\n    revisePurchaseOrder(id: $id, expectedVersion: $version, changes: $changes) { id status revision version }\n  }\n": types.ReviseDocument,
    "\n  query SupplyRisks($firmOnly: Boolean) {\n    supplyRisks(firmOnly: $firmOnly) {\n      periodStart demand committed firm\n      part { id partNumber description }\n      forecast { id supplier { id name } }\n    }\n  }\n": types.SupplyRisksDocument,
    "\n  query MyRollouts {\n    rollouts {\n      id status progress availableActions\n      package { id title summary targetLevel owner { name } }\n      items { done evidence completedAt item { id title description evidenceRequired } }\n    }\n  }\n": types.MyRolloutsDocument,
    "\n  mutation UpdateRolloutItem($rolloutId: ID!, $itemId: ID!, $done: Boolean!, $evidence: String) {\n    updateRolloutItem(rolloutId: $rolloutId, itemId: $itemId, done: $done, evidence: $evidence) { id status progress items { done evidence item { id } } }\n  }\n": types.UpdateRolloutItemDocument,
    "\n  query MyScorecard($supplierId: ID!, $from: Date!, $to: Date!) {\n    supplierScorecard(supplierId: $supplierId, from: $from, to: $to) {\n      from to ordersCount meanResponseHours onTimeRate inFullRate otifRate forecastCommitRatio\n    }\n  }\n": types.MyScorecardDocument,
    "\n  query Shipments($orderId: ID!) {\n    shipmentNotices(purchaseOrderId: $orderId) {\n      id number shipDate expectedArrival carrier trackingNumber\n      lines { quantity orderLine { id lineNumber uom shippedQuantity receivedQuantity part { partNumber } } }\n    }\n  }\n": types.ShipmentsDocument,
    "\n  mutation Ship($input: CreateShipmentNoticeInput!) {\n    createShipmentNotice(input: $input) { id number purchaseOrder { id status version } }\n  }\n": types.ShipDocument,
    "\n  mutation Receive($input: RecordGoodsReceiptInput!) {\n    recordGoodsReceipt(input: $input) { id receivedOn }\n  }\n": types.ReceiveDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) { ...SessionFields }\n  }\n": types.LoginDocument,
    "\n  query Standard($code: String!) {\n    dataStandard(code: $code) {\n      id code name kind description\n      versions {\n        id version status changeSummary publishedAt sunsetDate adoptionCount availableActions\n        compatibility { breaking changes }\n        codes { code labelZh labelEn description deprecated }\n        fields { name type required codeList minimum maximum minLength maxLength pattern unit description }\n      }\n    }\n  }\n": types.StandardDocument,
    "\n  mutation CreateVersion($standardId: ID!, $input: StandardVersionInput!) {\n    createStandardVersion(standardId: $standardId, input: $input) { id version status }\n  }\n": types.CreateVersionDocument,
    "\n  mutation UpdateVersion($versionId: ID!, $input: StandardVersionInput!) {\n    updateStandardVersion(versionId: $versionId, input: $input) { id version status }\n  }\n": types.UpdateVersionDocument,
    "\n  query PublicationPreview($versionId: ID!) {\n    standardVersionPublicationPreview(versionId: $versionId) { against breaking changes requiredStep versionStep publishable }\n  }\n": types.PublicationPreviewDocument,
    "\n  mutation PublishVersion($versionId: ID!) {\n    publishStandardVersion(versionId: $versionId) { id version status compatibility { breaking changes } }\n  }\n": types.PublishVersionDocument,
    "\n  query Standards {\n    dataStandards {\n      id code name kind description\n      latestPublished { id version adoptionCount publishedAt }\n      versions { id status }\n    }\n  }\n": types.StandardsDocument,
    "\n  mutation CreateStandard($input: CreateDataStandardInput!) {\n    createDataStandard(input: $input) { id code }\n  }\n": types.CreateStandardDocument,
    "\n  query SupplierParts($supplierId: ID!, $search: String) {\n    parts(first: 100, supplierId: $supplierId, search: $search) { nodes { id partNumber description } }\n  }\n": types.SupplierPartsDocument,
    "\n  mutation Refresh($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) { ...SessionFields }\n  }\n": types.RefreshDocument,
    "\n  fragment SessionFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    user { id email displayName roles organization { id name kind } }\n  }\n": types.SessionFieldsFragmentDoc,
    "\n  query ActiveSuppliers {\n    partnerships(status: ACTIVE) { id supplier { id name } }\n  }\n": types.ActiveSuppliersDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"): (typeof documents)["\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderEvents {\n    orderEvents { id purchaseOrderId type at details }\n  }\n"): (typeof documents)["\n  subscription OrderEvents {\n    orderEvents { id purchaseOrderId type at details }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderNumber($id: ID!) {\n    purchaseOrder(id: $id) { id number }\n  }\n"): (typeof documents)["\n  query OrderNumber($id: ID!) {\n    purchaseOrder(id: $id) { id number }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssessmentData {\n    assessmentCriteria { id level dimension text }\n    maturityAssessments { id level gaps aiScenarioRatio submittedAt }\n  }\n"): (typeof documents)["\n  query AssessmentData {\n    assessmentCriteria { id level dimension text }\n    maturityAssessments { id level gaps aiScenarioRatio submittedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitAssessment($input: SubmitAssessmentInput!) {\n    submitMaturityAssessment(input: $input) { id level gaps aiScenarioRatio submittedAt }\n  }\n"): (typeof documents)["\n  mutation SubmitAssessment($input: SubmitAssessmentInput!) {\n    submitMaturityAssessment(input: $input) { id level gaps aiScenarioRatio submittedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Forecast($id: ID!) {\n    forecast(id: $id) {\n      id revision status granularity horizonStart bucketCount firmBuckets publishedAt availableActions\n      anchor { id name }\n      supplier { id name }\n      summary { totalDemand totalCommitted shortfallBuckets }\n      lines {\n        part { id partNumber description uom }\n        buckets { periodStart quantity previousQuantity committedQuantity commitNote firm }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Forecast($id: ID!) {\n    forecast(id: $id) {\n      id revision status granularity horizonStart bucketCount firmBuckets publishedAt availableActions\n      anchor { id name }\n      supplier { id name }\n      summary { totalDemand totalCommitted shortfallBuckets }\n      lines {\n        part { id partNumber description uom }\n        buckets { periodStart quantity previousQuantity committedQuantity commitNote firm }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CommitForecast($forecastId: ID!, $commitments: [CommitmentInput!]!) {\n    commitForecast(forecastId: $forecastId, commitments: $commitments) { id summary { totalDemand totalCommitted shortfallBuckets } }\n  }\n"): (typeof documents)["\n  mutation CommitForecast($forecastId: ID!, $commitments: [CommitmentInput!]!) {\n    commitForecast(forecastId: $forecastId, commitments: $commitments) { id summary { totalDemand totalCommitted shortfallBuckets } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Forecasts($filter: ForecastFilter) {\n    forecasts(filter: $filter, first: 100) {\n      nodes {\n        id revision status granularity horizonStart bucketCount firmBuckets publishedAt\n        anchor { id name }\n        supplier { id name }\n        summary { totalDemand totalCommitted shortfallBuckets }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Forecasts($filter: ForecastFilter) {\n    forecasts(filter: $filter, first: 100) {\n      nodes {\n        id revision status granularity horizonStart bucketCount firmBuckets publishedAt\n        anchor { id name }\n        supplier { id name }\n        summary { totalDemand totalCommitted shortfallBuckets }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportForecast($input: ImportForecastInput!) {\n    importForecast(input: $input) { id revision }\n  }\n"): (typeof documents)["\n  mutation ImportForecast($input: ImportForecastInput!) {\n    importForecast(input: $input) { id revision }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) { ...SessionFields }\n  }\n"): (typeof documents)["\n  mutation AcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) { ...SessionFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NetworkOverview {\n    networkOverview {\n      supplierCount openOrders onTimeDeliveryRate activeRollouts completedRollouts\n      suppliersByLevel { level count }\n    }\n    partnerships(status: ACTIVE) { id supplier { id name gradientLevel } }\n    rollouts { id status progress package { id title targetLevel } supplier { id name } }\n  }\n"): (typeof documents)["\n  query NetworkOverview {\n    networkOverview {\n      supplierCount openOrders onTimeDeliveryRate activeRollouts completedRollouts\n      suppliersByLevel { level count }\n    }\n    partnerships(status: ACTIVE) { id supplier { id name gradientLevel } }\n    rollouts { id status progress package { id title targetLevel } supplier { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SupplierScorecards($from: Date!, $to: Date!) {\n    supplierScorecards(from: $from, to: $to) {\n      supplier { id } ordersCount onTimeRate otifRate forecastCommitRatio\n    }\n  }\n"): (typeof documents)["\n  query SupplierScorecards($from: Date!, $to: Date!) {\n    supplierScorecards(from: $from, to: $to) {\n      supplier { id } ordersCount onTimeRate otifRate forecastCommitRatio\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateOrder($input: CreatePurchaseOrderInput!) {\n    createPurchaseOrder(input: $input) { id number }\n  }\n"): (typeof documents)["\n  mutation CreateOrder($input: CreatePurchaseOrderInput!) {\n    createPurchaseOrder(input: $input) { id number }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Order($id: ID!) {\n    purchaseOrder(id: $id) {\n      id number status revision version currency notes totalAmount publishedAt confirmedAt availableActions\n      anchor { id name }\n      supplier { id name }\n      lines {\n        id lineNumber supplierPartNumber quantity uom unitPrice requestedDate status\n        confirmedQuantity confirmedDate confirmedUnitPrice shippedQuantity receivedQuantity\n        part { id partNumber description }\n        proposal { quantity deliveryDate unitPrice reasonCode reason }\n      }\n      events { id type revision at actor { displayName } }\n    }\n  }\n"): (typeof documents)["\n  query Order($id: ID!) {\n    purchaseOrder(id: $id) {\n      id number status revision version currency notes totalAmount publishedAt confirmedAt availableActions\n      anchor { id name }\n      supplier { id name }\n      lines {\n        id lineNumber supplierPartNumber quantity uom unitPrice requestedDate status\n        confirmedQuantity confirmedDate confirmedUnitPrice shippedQuantity receivedQuantity\n        part { id partNumber description }\n        proposal { quantity deliveryDate unitPrice reasonCode reason }\n      }\n      events { id type revision at actor { displayName } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Respond($id: ID!, $version: Int!, $lines: [LineResponseInput!]!) {\n    respondToPurchaseOrder(id: $id, expectedVersion: $version, lines: $lines) { id status version }\n  }\n"): (typeof documents)["\n  mutation Respond($id: ID!, $version: Int!, $lines: [LineResponseInput!]!) {\n    respondToPurchaseOrder(id: $id, expectedVersion: $version, lines: $lines) { id status version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Resolve($id: ID!, $version: Int!, $resolutions: [ProposalResolutionInput!]!) {\n    resolveChangeProposals(id: $id, expectedVersion: $version, resolutions: $resolutions) { id status version }\n  }\n"): (typeof documents)["\n  mutation Resolve($id: ID!, $version: Int!, $resolutions: [ProposalResolutionInput!]!) {\n    resolveChangeProposals(id: $id, expectedVersion: $version, resolutions: $resolutions) { id status version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Cancel($id: ID!, $version: Int!, $reason: String!) {\n    cancelPurchaseOrder(id: $id, expectedVersion: $version, reason: $reason) { id status version }\n  }\n"): (typeof documents)["\n  mutation Cancel($id: ID!, $version: Int!, $reason: String!) {\n    cancelPurchaseOrder(id: $id, expectedVersion: $version, reason: $reason) { id status version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Publish($id: ID!, $version: Int!) {\n    publishPurchaseOrder(id: $id, expectedVersion: $version) { id status version }\n  }\n"): (typeof documents)["\n  mutation Publish($id: ID!, $version: Int!) {\n    publishPurchaseOrder(id: $id, expectedVersion: $version) { id status version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Orders($filter: PurchaseOrderFilter, $first: Int, $after: String) {\n    purchaseOrders(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id number status currency totalAmount publishedAt anchor { id name } supplier { id name } }\n    }\n  }\n"): (typeof documents)["\n  query Orders($filter: PurchaseOrderFilter, $first: Int, $after: String) {\n    purchaseOrders(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id number status currency totalAmount publishedAt anchor { id name } supplier { id name } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InboxCounts {\n    new: purchaseOrders(filter: { status: [PUBLISHED], revised: false }, first: 1) { totalCount }\n    awaiting: purchaseOrders(filter: { status: [PUBLISHED] }, first: 1) { totalCount }\n    changeProposed: purchaseOrders(filter: { status: [CHANGE_PROPOSED] }, first: 1) { totalCount }\n    toShip: purchaseOrders(filter: { status: [CONFIRMED, PARTIALLY_SHIPPED] }, first: 1) { totalCount }\n  }\n"): (typeof documents)["\n  query InboxCounts {\n    new: purchaseOrders(filter: { status: [PUBLISHED], revised: false }, first: 1) { totalCount }\n    awaiting: purchaseOrders(filter: { status: [PUBLISHED] }, first: 1) { totalCount }\n    changeProposed: purchaseOrders(filter: { status: [CHANGE_PROPOSED] }, first: 1) { totalCount }\n    toShip: purchaseOrders(filter: { status: [CONFIRMED, PARTIALLY_SHIPPED] }, first: 1) { totalCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderFilterSuppliers {\n    partnerships { id supplier { id name } }\n  }\n"): (typeof documents)["\n  query OrderFilterSuppliers {\n    partnerships { id supplier { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Packages {\n    replicationPackages { id title summary targetLevel status availableActions checklist { id title evidenceRequired } requiredStandards { id version standard { code } } }\n    rollouts { id status progress package { id } supplier { id name } }\n    partnerships(status: ACTIVE) { id supplier { id name } }\n    dataStandards(status: PUBLISHED) { id code latestPublished { id version } }\n  }\n"): (typeof documents)["\n  query Packages {\n    replicationPackages { id title summary targetLevel status availableActions checklist { id title evidenceRequired } requiredStandards { id version standard { code } } }\n    rollouts { id status progress package { id } supplier { id name } }\n    partnerships(status: ACTIVE) { id supplier { id name } }\n    dataStandards(status: PUBLISHED) { id code latestPublished { id version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePackage($input: ReplicationPackageInput!) {\n    createReplicationPackage(input: $input) { id status }\n  }\n"): (typeof documents)["\n  mutation CreatePackage($input: ReplicationPackageInput!) {\n    createReplicationPackage(input: $input) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishPackage($id: ID!) {\n    publishReplicationPackage(id: $id) { id status }\n  }\n"): (typeof documents)["\n  mutation PublishPackage($id: ID!) {\n    publishReplicationPackage(id: $id) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LaunchRollout($packageId: ID!, $supplierIds: [ID!]!) {\n    launchRollout(packageId: $packageId, supplierIds: $supplierIds) { id status supplier { id } }\n  }\n"): (typeof documents)["\n  mutation LaunchRollout($packageId: ID!, $supplierIds: [ID!]!) {\n    launchRollout(packageId: $packageId, supplierIds: $supplierIds) { id status supplier { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Revise($id: ID!, $version: Int!, $changes: [LineRevisionInput!]!) {\n    revisePurchaseOrder(id: $id, expectedVersion: $version, changes: $changes) { id status revision version }\n  }\n"): (typeof documents)["\n  mutation Revise($id: ID!, $version: Int!, $changes: [LineRevisionInput!]!) {\n    revisePurchaseOrder(id: $id, expectedVersion: $version, changes: $changes) { id status revision version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SupplyRisks($firmOnly: Boolean) {\n    supplyRisks(firmOnly: $firmOnly) {\n      periodStart demand committed firm\n      part { id partNumber description }\n      forecast { id supplier { id name } }\n    }\n  }\n"): (typeof documents)["\n  query SupplyRisks($firmOnly: Boolean) {\n    supplyRisks(firmOnly: $firmOnly) {\n      periodStart demand committed firm\n      part { id partNumber description }\n      forecast { id supplier { id name } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyRollouts {\n    rollouts {\n      id status progress availableActions\n      package { id title summary targetLevel owner { name } }\n      items { done evidence completedAt item { id title description evidenceRequired } }\n    }\n  }\n"): (typeof documents)["\n  query MyRollouts {\n    rollouts {\n      id status progress availableActions\n      package { id title summary targetLevel owner { name } }\n      items { done evidence completedAt item { id title description evidenceRequired } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRolloutItem($rolloutId: ID!, $itemId: ID!, $done: Boolean!, $evidence: String) {\n    updateRolloutItem(rolloutId: $rolloutId, itemId: $itemId, done: $done, evidence: $evidence) { id status progress items { done evidence item { id } } }\n  }\n"): (typeof documents)["\n  mutation UpdateRolloutItem($rolloutId: ID!, $itemId: ID!, $done: Boolean!, $evidence: String) {\n    updateRolloutItem(rolloutId: $rolloutId, itemId: $itemId, done: $done, evidence: $evidence) { id status progress items { done evidence item { id } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyScorecard($supplierId: ID!, $from: Date!, $to: Date!) {\n    supplierScorecard(supplierId: $supplierId, from: $from, to: $to) {\n      from to ordersCount meanResponseHours onTimeRate inFullRate otifRate forecastCommitRatio\n    }\n  }\n"): (typeof documents)["\n  query MyScorecard($supplierId: ID!, $from: Date!, $to: Date!) {\n    supplierScorecard(supplierId: $supplierId, from: $from, to: $to) {\n      from to ordersCount meanResponseHours onTimeRate inFullRate otifRate forecastCommitRatio\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Shipments($orderId: ID!) {\n    shipmentNotices(purchaseOrderId: $orderId) {\n      id number shipDate expectedArrival carrier trackingNumber\n      lines { quantity orderLine { id lineNumber uom shippedQuantity receivedQuantity part { partNumber } } }\n    }\n  }\n"): (typeof documents)["\n  query Shipments($orderId: ID!) {\n    shipmentNotices(purchaseOrderId: $orderId) {\n      id number shipDate expectedArrival carrier trackingNumber\n      lines { quantity orderLine { id lineNumber uom shippedQuantity receivedQuantity part { partNumber } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Ship($input: CreateShipmentNoticeInput!) {\n    createShipmentNotice(input: $input) { id number purchaseOrder { id status version } }\n  }\n"): (typeof documents)["\n  mutation Ship($input: CreateShipmentNoticeInput!) {\n    createShipmentNotice(input: $input) { id number purchaseOrder { id status version } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Receive($input: RecordGoodsReceiptInput!) {\n    recordGoodsReceipt(input: $input) { id receivedOn }\n  }\n"): (typeof documents)["\n  mutation Receive($input: RecordGoodsReceiptInput!) {\n    recordGoodsReceipt(input: $input) { id receivedOn }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) { ...SessionFields }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) { ...SessionFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Standard($code: String!) {\n    dataStandard(code: $code) {\n      id code name kind description\n      versions {\n        id version status changeSummary publishedAt sunsetDate adoptionCount availableActions\n        compatibility { breaking changes }\n        codes { code labelZh labelEn description deprecated }\n        fields { name type required codeList minimum maximum minLength maxLength pattern unit description }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Standard($code: String!) {\n    dataStandard(code: $code) {\n      id code name kind description\n      versions {\n        id version status changeSummary publishedAt sunsetDate adoptionCount availableActions\n        compatibility { breaking changes }\n        codes { code labelZh labelEn description deprecated }\n        fields { name type required codeList minimum maximum minLength maxLength pattern unit description }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateVersion($standardId: ID!, $input: StandardVersionInput!) {\n    createStandardVersion(standardId: $standardId, input: $input) { id version status }\n  }\n"): (typeof documents)["\n  mutation CreateVersion($standardId: ID!, $input: StandardVersionInput!) {\n    createStandardVersion(standardId: $standardId, input: $input) { id version status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateVersion($versionId: ID!, $input: StandardVersionInput!) {\n    updateStandardVersion(versionId: $versionId, input: $input) { id version status }\n  }\n"): (typeof documents)["\n  mutation UpdateVersion($versionId: ID!, $input: StandardVersionInput!) {\n    updateStandardVersion(versionId: $versionId, input: $input) { id version status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublicationPreview($versionId: ID!) {\n    standardVersionPublicationPreview(versionId: $versionId) { against breaking changes requiredStep versionStep publishable }\n  }\n"): (typeof documents)["\n  query PublicationPreview($versionId: ID!) {\n    standardVersionPublicationPreview(versionId: $versionId) { against breaking changes requiredStep versionStep publishable }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishVersion($versionId: ID!) {\n    publishStandardVersion(versionId: $versionId) { id version status compatibility { breaking changes } }\n  }\n"): (typeof documents)["\n  mutation PublishVersion($versionId: ID!) {\n    publishStandardVersion(versionId: $versionId) { id version status compatibility { breaking changes } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Standards {\n    dataStandards {\n      id code name kind description\n      latestPublished { id version adoptionCount publishedAt }\n      versions { id status }\n    }\n  }\n"): (typeof documents)["\n  query Standards {\n    dataStandards {\n      id code name kind description\n      latestPublished { id version adoptionCount publishedAt }\n      versions { id status }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateStandard($input: CreateDataStandardInput!) {\n    createDataStandard(input: $input) { id code }\n  }\n"): (typeof documents)["\n  mutation CreateStandard($input: CreateDataStandardInput!) {\n    createDataStandard(input: $input) { id code }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SupplierParts($supplierId: ID!, $search: String) {\n    parts(first: 100, supplierId: $supplierId, search: $search) { nodes { id partNumber description } }\n  }\n"): (typeof documents)["\n  query SupplierParts($supplierId: ID!, $search: String) {\n    parts(first: 100, supplierId: $supplierId, search: $search) { nodes { id partNumber description } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Refresh($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) { ...SessionFields }\n  }\n"): (typeof documents)["\n  mutation Refresh($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) { ...SessionFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    user { id email displayName roles organization { id name kind } }\n  }\n"): (typeof documents)["\n  fragment SessionFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    user { id email displayName roles organization { id name kind } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActiveSuppliers {\n    partnerships(status: ACTIVE) { id supplier { id name } }\n  }\n"): (typeof documents)["\n  query ActiveSuppliers {\n    partnerships(status: ACTIVE) { id supplier { id name } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;