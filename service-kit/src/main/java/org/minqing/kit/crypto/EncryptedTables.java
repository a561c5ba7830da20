package org.minqing.kit.crypto;

import java.util.List;

/** A service's tables with {@link FieldCipher} columns, for the {@link ReencryptionJob}; one CDI bean per service. */
public interface EncryptedTables {
    List<EncryptedTable> tables();
}
