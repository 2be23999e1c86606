from ocpp.v201 import call as call, call_result as call_result, datatypes as datatypes, enums as enums
