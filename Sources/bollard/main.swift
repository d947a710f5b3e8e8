import BollardLog
print(RFC9162.emptyRoot.hex)
