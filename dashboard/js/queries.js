// Every GraphQL document the dashboard sends, in one place. Each is a gql-tagged template
// literal without substitutions: tests/unit/dashboard/test_documents.py finds them all and
// validates them against the schema, so a schema change that breaks the page fails fast.

export const gql = String.raw;

export const SIGN_IN_CHECK = gql`query SignInCheck { stations(first: 1) { id } }`;

export const FLEET_PAGE = gql`
  query FleetPage($after: ID, $first: Int!) {
    stations(first: $first, after: $after) {
      id online registrationStatus vendorName model serialNumber firmwareVersion
      securityProfile lastSeenAt lastBootAt lastBootReason
      evses { id connectors { id status reportedAt } }
    }
  }
`;

export const ACTIVE_TRANSACTIONS = gql`
  query ActiveTransactions($after: String) {
    transactions(active: true, first: 1000, after: $after) {
      cursor transactionId stationId evseId connectorId chargingState active
    }
  }
`;

export const STATION = gql`
  query Station($id: ID!) {
    station(id: $id) {
      id online registrationStatus vendorName model serialNumber firmwareVersion
      securityProfile lastSeenAt lastBootAt lastBootReason
      evses { id connectors { id status reportedAt } }
    }
  }
`;

export const STATION_DETAIL = gql`
  query StationDetail($id: ID!) {
    station(id: $id) {
      id online registrationStatus vendorName model serialNumber firmwareVersion
      securityProfile lastSeenAt lastBootAt lastBootReason
      evses { id connectors { id status reportedAt } }
    }
    transactions(stationId: $id, active: true, first: 10) {
      transactionId evseId connectorId idToken chargingState startedAt energyWh active
    }
    bootHistory(stationId: $id, first: 20) {
      bootedAt reason vendorName model firmwareVersion status interval
    }
    securityEvents(stationId: $id, first: 20) { type timestamp techInfo receivedAt }
    stationAlerts(stationId: $id, first: 20) {
      timestamp component variable actualValue trigger cleared techInfo eventId
    }
  }
`;

export const OCPP_MESSAGES = gql`
  query OcppMessages($stationId: ID!) {
    ocppMessages(stationId: $stationId, last: 50) {
      id direction messageType messageId action timestamp payload
    }
  }
`;

export const DEVICE_MODEL = gql`
  query DeviceModel($stationId: ID!, $after: String) {
    variables(stationId: $stationId, first: 1000, after: $after) {
      cursor component componentInstance evseId connectorId variable variableInstance
      attributeType value mutability dataType unit
    }
  }
`;

export const TRANSACTION_DETAIL = gql`
  query TransactionDetail($stationId: ID!, $transactionId: String!) {
    transaction(stationId: $stationId, transactionId: $transactionId) {
      transactionId stationId evseId connectorId idToken idTokenType chargingState active
      startedAt endedAt stoppedReason energyWh remoteStartId
      events { seqNo eventType triggerReason timestamp chargingState idToken offline }
      meterSamples(maxPoints: 2000) { sampledAt measurand phase value unit multiplier }
    }
  }
`;

export const TRANSACTIONS = gql`
  query Transactions(
    $stationId: ID, $idToken: String, $active: Boolean,
    $startedAfter: DateTime, $startedBefore: DateTime, $after: String
  ) {
    transactions(
      stationId: $stationId, idToken: $idToken, active: $active,
      startedAfter: $startedAfter, startedBefore: $startedBefore, first: 100, after: $after
    ) {
      cursor transactionId stationId evseId connectorId idToken chargingState active
      startedAt endedAt stoppedReason energyWh
    }
  }
`;

export const ID_TOKENS = gql`
  query IdTokens($search: String, $status: IdTokenStatus, $after: String) {
    idTokens(search: $search, status: $status, first: 100, after: $after) {
      cursor idToken type status masterPass updatedAt
      groupIdToken { idToken type }
    }
  }
`;

export const UPSERT_ID_TOKEN = gql`
  mutation UpsertIdToken($input: IdTokenInput!) {
    upsertIdToken(input: $input) { idToken type status }
  }
`;

export const LOCAL_LISTS = gql`
  query LocalLists {
    localAuthLists(first: 100) { name version entryCount stationCount updatedAt }
    stationLocalLists(first: 1000) {
      stationId listName listVersion acknowledgedVersion upToDate lastStatus lastAttemptAt
    }
  }
`;

export const STATION_EVENTS = gql`
  subscription StationEvents($stationId: ID) {
    stationEvents(stationId: $stationId) { type stationId occurredAt payload }
  }
`;

export const TRANSACTION_EVENTS = gql`
  subscription TransactionEvents($stationId: ID) {
    transactionEvents(stationId: $stationId) {
      type stationId occurredAt missed transactionId eventType evseId connectorId
      idToken chargingState active startedAt endedAt energyWh
    }
  }
`;

export const METER_VALUES = gql`
  subscription MeterValues($stationId: ID) {
    meterValues(stationId: $stationId) {
      stationId occurredAt missed transactionId evseId
      samples { timestamp measurand phase value multiplier unit }
    }
  }
`;

export const RESET = gql`
  mutation Reset($stationId: ID!, $type: ResetType!) {
    reset(stationId: $stationId, type: $type) {
      outcome status reasonCode additionalInfo errorCode errorDescription
    }
  }
`;

export const CHANGE_AVAILABILITY = gql`
  mutation ChangeAvailability($stationId: ID!, $status: OperationalStatus!, $evseId: Int) {
    changeAvailability(stationId: $stationId, operationalStatus: $status, evseId: $evseId) {
      outcome status statusInfo { reasonCode additionalInfo } errorCode errorDescription
    }
  }
`;

export const REMOTE_START = gql`
  mutation RemoteStart(
    $stationId: ID!, $idToken: String!, $idTokenType: IdTokenKind!, $evseId: Int
  ) {
    requestStartTransaction(
      stationId: $stationId, idToken: $idToken, idTokenType: $idTokenType, evseId: $evseId
    ) {
      outcome status remoteStartId transactionId statusInfo { reasonCode additionalInfo }
      errorCode errorDescription
    }
  }
`;

export const REMOTE_STOP = gql`
  mutation RemoteStop($stationId: ID!, $transactionId: String!) {
    requestStopTransaction(stationId: $stationId, transactionId: $transactionId) {
      outcome status statusInfo { reasonCode additionalInfo } errorCode errorDescription
    }
  }
`;

export const UNLOCK = gql`
  mutation Unlock($stationId: ID!, $evseId: Int!, $connectorId: Int!) {
    unlockConnector(stationId: $stationId, evseId: $evseId, connectorId: $connectorId) {
      outcome status statusInfo { reasonCode additionalInfo } errorCode errorDescription
    }
  }
`;

export const TRIGGER = gql`
  mutation Trigger($stationId: ID!, $message: MessageTrigger!, $evseId: Int) {
    triggerMessage(stationId: $stationId, requestedMessage: $message, evseId: $evseId) {
      outcome status statusInfo { reasonCode additionalInfo } errorCode errorDescription
    }
  }
`;

export const SET_VARIABLE = gql`
  mutation SetVariable($stationId: ID!, $items: [SetVariableInput!]!) {
    setVariables(stationId: $stationId, items: $items) {
      outcome rebootRequired errorCode errorDescription
      results { component variable attributeStatus reasonCode additionalInfo }
    }
  }
`;

export const CLEAR_CACHE = gql`
  mutation ClearCache($stationId: ID!) {
    clearCache(stationId: $stationId) { outcome status errorCode errorDescription }
  }
`;

export const ME = gql`query Me { me { name role } }`;
