"""GraphQL of the firmware block (L): the catalogue, updateFirmware, publishFirmware and
unpublishFirmware, the update and publication timelines, and firmware campaigns."""
